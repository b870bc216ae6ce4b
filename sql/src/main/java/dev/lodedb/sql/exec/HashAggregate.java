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
 * Each input row is reduced to its group key, the aggregates' arguments and their FILTER results,
 * and folded into the group's accumulators. When the groups outgrow the memory budget the
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
        Iterator<Object[]> rows = groups.reducedRows(input, ctx);
        aggregate(rows, 0, out);
        if (groups.keyCount() == 0 && out.isEmpty()) {
            out.add(groups.newGroup().finish(new Object[0]));
        }
        results = out.iterator();
        builder = new ChunkBuilder(types);
    }

    /** Aggregates {@code rows} (reduced rows) into {@code out}, spilling new groups beyond the budget. */
    private void aggregate(Iterator<Object[]> rows, int depth, List<Object[]> out) {
        Map<KeyNormalizer.Key, Object[]> keysByGroup = new LinkedHashMap<>();
        Map<KeyNormalizer.Key, GroupAccumulators.Group> open = new LinkedHashMap<>();
        long bytes = 0;
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
                bytes += SpillFile.estimateBytes(key) + 64L * groups.callCount() + 64;
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
                    aggregate(p.read(), depth + 1, out);
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
