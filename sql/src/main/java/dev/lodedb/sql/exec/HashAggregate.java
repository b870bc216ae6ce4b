package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation (GROUP BY, aggregates, also DISTINCT aggregates and aggregates with ORDER BY).
 * Without DISTINCT or ordered aggregates, each input chunk's key, argument and FILTER vectors are
 * evaluated and each row is routed to its group by a {@link GroupTable} and folded into the group's
 * accumulators straight from the vectors (integers and floats unboxed where the accumulator takes
 * them). Otherwise each input row is reduced to its group key, the aggregates' arguments and their
 * FILTER results, and folded in from that row. When the groups outgrow the memory budget the
 * operator becomes a hybrid hash aggregation: groups already in memory keep aggregating, rows of
 * new groups are written to one of {@value #PARTITIONS} spill partitions by hash, and each
 * partition is aggregated afterwards on its own (recursively, with a different hash).
 * Without GROUP BY keys the result is exactly one row, also for empty input. The row reduction
 * and the accumulators are {@link GroupAccumulators}, shared with {@link GroupAggregate}.
 */
final class HashAggregate implements Operator {
    static final int PARTITIONS = 16;
    private final Operator input;
    private final GroupAccumulators groups;
    private final List<DataType> types;
    private ExecContext ctx;
    private Iterator<Object[]> results;
    private ChunkBuilder builder;
    private final List<SpillFile> spills = new ArrayList<>();
    /** Peak estimated bytes of the in-memory groups and spill files written, this execution (EXPLAIN ANALYZE). */
    private long peakBytes;
    private int spilledFiles;

    HashAggregate(Operator input, GroupAccumulators groups, List<DataType> types) {
        this.input = input;
        this.groups = groups;
        this.types = types;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        peakBytes = 0;
        spilledFiles = 0;
        input.open(ctx);
        List<Object[]> out = new ArrayList<>();
        if (groups.vectorizable()) {
            aggregateVectors(out);
        } else {
            aggregate(groups.reducedRows(input, ctx), 0, out, new LinkedHashMap<>(), new LinkedHashMap<>(), 0);
        }
        if (groups.keyCount() == 0 && out.isEmpty()) {
            out.add(groups.newGroup().finish(new Object[0]));
        }
        results = out.iterator();
        builder = new ChunkBuilder(types);
    }

    /** Estimated bytes of one group with key {@code key}, without its per-row growth. */
    private long groupBytes(Object[] key) {
        return SpillFile.estimateBytes(key) + 64L * groups.callCount() + 64;
    }

    /**
     * Aggregates the input chunk by chunk straight from the evaluated vectors: the group of each row
     * from a {@link GroupTable}, its accumulators fed without building a reduced row. When the groups
     * outgrow the memory budget (checked after each chunk) the groups so far and the rest of the
     * input go on to {@link #aggregate}, which spills.
     */
    private void aggregateVectors(List<Object[]> out) {
        GroupTable table = new GroupTable(groups.keyTypes());
        GroupAccumulators.Group[] all = new GroupAccumulators.Group[16];
        List<Object[]> keys = new ArrayList<>();
        int keyCount = groups.keyCount();
        if (keyCount == 0) {
            all[0] = groups.newGroup();
        }
        long bytes = 0;
        long budget = ctx.memoryBudgetBytes();
        DataChunk chunk;
        while ((chunk = input.next()) != null) {
            ctx.checkCancelled();
            Vector[][] evaluated = groups.evaluate(chunk, ctx);
            Vector[] keyVectors = evaluated[0];
            int n = chunk.size();
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                int g = 0;
                if (keyCount > 0) {
                    g = table.find(keyVectors, i);
                    if (g < 0) {
                        g = table.add(keyVectors, i, g);
                        if (g == all.length) {
                            all = java.util.Arrays.copyOf(all, g * 2);
                        }
                        all[g] = groups.newGroup();
                        Object[] key = new Object[keyCount];
                        for (int j = 0; j < keyCount; j++) {
                            key[j] = keyVectors[j].get(i);
                        }
                        keys.add(key);
                        bytes += groupBytes(key);
                    }
                }
                all[g].addRow(evaluated, i);
            }
            if (groups.callCount() > 0 && keyCount > 0) {
                bytes += 8L * n;
            }
            if (keyCount > 0 && bytes > budget) {
                // hand over to the row-at-a-time aggregation, which spills the groups that follow
                Map<KeyNormalizer.Key, Object[]> keysByGroup = new LinkedHashMap<>();
                Map<KeyNormalizer.Key, GroupAccumulators.Group> open = new LinkedHashMap<>();
                for (int g = 0; g < table.size(); g++) {
                    KeyNormalizer.Key key = new KeyNormalizer.Key(table.normalizedKey(g));
                    open.put(key, all[g]);
                    keysByGroup.put(key, keys.get(g));
                }
                aggregate(groups.reducedRows(input, ctx), 0, out, keysByGroup, open, bytes);
                return;
            }
        }
        peakBytes = Math.max(peakBytes, bytes);
        int count = keyCount == 0 ? 1 : table.size();
        for (int g = 0; g < count; g++) {
            out.add(all[g].finish(keyCount == 0 ? new Object[0] : keys.get(g)));
        }
    }

    /**
     * Aggregates {@code rows} (reduced rows) into {@code out}, spilling new groups beyond the budget.
     *
     * @param keysByGroup the key values of the groups already open, by normalized key
     * @param open the groups already open (in order of first appearance)
     * @param bytes the estimated bytes of the open groups
     */
    private void aggregate(Iterator<Object[]> rows, int depth, List<Object[]> out,
            Map<KeyNormalizer.Key, Object[]> keysByGroup, Map<KeyNormalizer.Key, GroupAccumulators.Group> open,
            long bytes) {
        long budget = ctx.memoryBudgetBytes();
        SpillFile[] partitions = null;
        Path dir = ctx.spillDirectory();
        while (rows.hasNext()) {
            Object[] row = rows.next();
            Object[] key = groups.key(row);
            KeyNormalizer.Key k = KeyNormalizer.key(groups.keyTypes(), key);
            GroupAccumulators.Group g = open.get(k);
            if (g == null) {
                if (partitions != null || (bytes > budget && groups.keyCount() > 0 && depth < 4)) {
                    if (partitions == null) {
                        partitions = new SpillFile[PARTITIONS];
                    }
                    int p = Math.floorMod(Integer.rotateLeft(k.hashCode(), depth * 7) * 0x9E3779B9, PARTITIONS);
                    if (partitions[p] == null) {
                        partitions[p] = new SpillFile(groups.rowTypes(), dir);
                        spills.add(partitions[p]);
                        spilledFiles++;
                    }
                    partitions[p].write(row);
                    continue;
                }
                g = groups.newGroup();
                open.put(k, g);
                keysByGroup.put(k, key);
                bytes += groupBytes(key);
            }
            g.add(row);
            if (groups.callCount() > 0) {
                bytes += 8;
            }
        }
        peakBytes = Math.max(peakBytes, bytes);
        for (Map.Entry<KeyNormalizer.Key, GroupAccumulators.Group> e : open.entrySet()) {
            out.add(e.getValue().finish(keysByGroup.get(e.getKey())));
        }
        if (partitions != null) {
            open.clear();
            keysByGroup.clear();
            for (SpillFile p : partitions) {
                if (p != null) {
                    p.finishWriting();
                    aggregate(p.read(), depth + 1, out, new LinkedHashMap<>(), new LinkedHashMap<>(), 0);
                }
            }
        }
    }

    @Override
    public DataChunk next() {
        return builder.fill(results);
    }

    @Override
    public void close() {
        input.close();
        for (SpillFile s : spills) {
            s.close();
        }
        spills.clear();
    }

    @Override
    public String analyze() {
        return Operator.memoryLine(peakBytes, spilledFiles);
    }

    @Override
    public String describe() {
        return groups.keyCount() == 0 ? "Aggregate" : "HashAggregate (" + groups.keyCount() + " keys)";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
