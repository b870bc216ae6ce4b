package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.function.AggregateFunction;
import dev.lodedb.sql.plan.AggregateCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hash aggregation (GROUP BY, aggregates, also DISTINCT aggregates and aggregates with ORDER BY).
 * Each input row is reduced to its group key, the aggregates' arguments and their FILTER results,
 * and folded into the group's accumulators. When the groups outgrow the memory budget the
 * operator becomes a hybrid hash aggregation: groups already in memory keep aggregating, rows of
 * new groups are written to one of {@value #PARTITIONS} spill partitions by hash, and each
 * partition is aggregated afterwards on its own (recursively, with a different hash).
 * Without GROUP BY keys the result is exactly one row, also for empty input.
 */
final class HashAggregate implements Operator {
    static final int PARTITIONS = 16;
    private final Operator input;
    private final Evaluator[] keys;
    private final List<AggregateCall> calls;
    private final Evaluator[][] args;
    private final Evaluator[] filters;
    private final Evaluator[][] orderKeys;
    private final List<DataType> types;
    private final List<DataType> keyTypes;
    /** Layout of a reduced row: keys, then per call its args, filter flag, order keys. */
    private final int[] callOffset;
    private final List<DataType> rowTypes;
    private ExecContext ctx;
    private Iterator<Object[]> results;
    private ChunkBuilder builder;
    private final List<SpillFile> spills = new ArrayList<>();
    /** Peak estimated bytes of the in-memory groups and spill files written, this execution (EXPLAIN ANALYZE). */
    private long peakBytes;
    private int spilledFiles;

    HashAggregate(Operator input, List<Evaluator> keys, List<AggregateCall> calls, List<List<Evaluator>> args,
            List<Evaluator> filters, List<List<Evaluator>> orderKeys, List<DataType> types) {
        this.input = input;
        this.keys = keys.toArray(new Evaluator[0]);
        this.calls = calls;
        this.args = new Evaluator[calls.size()][];
        this.orderKeys = new Evaluator[calls.size()][];
        for (int i = 0; i < calls.size(); i++) {
            this.args[i] = args.get(i).toArray(new Evaluator[0]);
            this.orderKeys[i] = orderKeys.get(i).toArray(new Evaluator[0]);
        }
        this.filters = filters.toArray(new Evaluator[0]);
        this.types = types;
        this.keyTypes = types.subList(0, keys.size());
        this.callOffset = new int[calls.size() + 1];
        List<DataType> rt = new ArrayList<>(keyTypes);
        int off = keys.size();
        for (int i = 0; i < calls.size(); i++) {
            callOffset[i] = off;
            for (Evaluator e : this.args[i]) {
                rt.add(e.type());
            }
            rt.add(DataType.BOOLEAN);
            for (Evaluator e : this.orderKeys[i]) {
                rt.add(e.type());
            }
            off += this.args[i].length + 1 + this.orderKeys[i].length;
        }
        callOffset[calls.size()] = off;
        this.rowTypes = rt;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    /** The state of one group. */
    private final class Group {
        final AggregateFunction.Accumulator[] acc = new AggregateFunction.Accumulator[calls.size()];
        final Set<Object>[] seen;
        final List<Object[]>[] ordered;

        @SuppressWarnings("unchecked")
        Group() {
            seen = new Set[calls.size()];
            ordered = new List[calls.size()];
            for (int i = 0; i < calls.size(); i++) {
                acc[i] = calls.get(i).function().newAccumulator();
                if (calls.get(i).distinct()) {
                    seen[i] = new HashSet<>();
                }
                if (!calls.get(i).orderBy().isEmpty()) {
                    ordered[i] = new ArrayList<>();
                }
            }
        }

        void add(Object[] row) {
            for (int i = 0; i < calls.size(); i++) {
                int off = callOffset[i];
                int n = args[i].length;
                if (!Boolean.TRUE.equals(row[off + n])) {
                    continue;
                }
                Object[] a = Arrays.copyOfRange(row, off, off + n);
                if (calls.get(i).function().strict()) {
                    boolean anyNull = false;
                    for (Object v : a) {
                        anyNull |= v == null;
                    }
                    if (anyNull) {
                        continue;
                    }
                }
                if (seen[i] != null && !seen[i].add(KeyNormalizer.key(calls.get(i).function().parameterTypes(), a))) {
                    continue;
                }
                if (ordered[i] != null) {
                    ordered[i].add(Arrays.copyOfRange(row, off, off + n + 1 + orderKeys[i].length));
                    continue;
                }
                acc[i].add(a);
            }
        }

        Object[] finish(Object[] key) {
            Object[] out = Arrays.copyOf(key, key.length + calls.size());
            for (int i = 0; i < calls.size(); i++) {
                if (ordered[i] != null) {
                    int n = args[i].length;
                    AggregateCall c = calls.get(i);
                    List<DataType> kt = new ArrayList<>();
                    boolean[] desc = new boolean[c.orderBy().size()];
                    boolean[] nf = new boolean[desc.length];
                    for (int k = 0; k < desc.length; k++) {
                        kt.add(orderKeys[i][k].type());
                        desc[k] = c.orderBy().get(k).descending();
                        nf[k] = c.orderBy().get(k).nullsFirst();
                    }
                    RowComparator cmp = new RowComparator(kt, desc, nf);
                    ordered[i].sort((x, y) -> cmp.compare(Arrays.copyOfRange(x, n + 1, x.length),
                            Arrays.copyOfRange(y, n + 1, y.length)));
                    for (Object[] r : ordered[i]) {
                        acc[i].add(Arrays.copyOf(r, n));
                    }
                }
                out[key.length + i] = acc[i].result();
            }
            return out;
        }
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        peakBytes = 0;
        spilledFiles = 0;
        input.open(ctx);
        List<Object[]> out = new ArrayList<>();
        Iterator<Object[]> rows = new Iterator<>() {
            DataChunk chunk;
            Vector[][] evaluated;
            int k;

            @Override
            public boolean hasNext() {
                while (chunk == null || k >= chunk.size()) {
                    chunk = input.next();
                    if (chunk == null) {
                        return false;
                    }
                    ctx.checkCancelled();
                    k = 0;
                    evaluated = evaluate(chunk);
                }
                return true;
            }

            @Override
            public Object[] next() {
                int i = chunk.row(k++);
                Object[] row = new Object[rowTypes.size()];
                int c = 0;
                for (Vector[] group : evaluated) {
                    for (Vector v : group) {
                        row[c++] = v == null ? Boolean.TRUE : v.get(i);
                    }
                }
                return row;
            }
        };
        aggregate(rows, 0, out);
        if (keys.length == 0 && out.isEmpty()) {
            out.add(new Group().finish(new Object[0]));
        }
        results = out.iterator();
        builder = new ChunkBuilder(types);
    }

    private Vector[][] evaluate(DataChunk chunk) {
        Vector[][] out = new Vector[1 + calls.size()][];
        out[0] = new Vector[keys.length];
        for (int j = 0; j < keys.length; j++) {
            out[0][j] = keys[j].evaluate(chunk, ctx);
        }
        for (int i = 0; i < calls.size(); i++) {
            Vector[] v = new Vector[args[i].length + 1 + orderKeys[i].length];
            int c = 0;
            for (Evaluator e : args[i]) {
                v[c++] = e.evaluate(chunk, ctx);
            }
            v[c++] = filters[i] == null ? null : filters[i].evaluate(chunk, ctx); // null: no FILTER
            for (Evaluator e : orderKeys[i]) {
                v[c++] = e.evaluate(chunk, ctx);
            }
            out[1 + i] = v;
        }
        return out;
    }

    /** Aggregates {@code rows} (reduced rows) into {@code out}, spilling new groups beyond the budget. */
    private void aggregate(Iterator<Object[]> rows, int depth, List<Object[]> out) {
        Map<KeyNormalizer.Key, Object[]> keysByGroup = new LinkedHashMap<>();
        Map<KeyNormalizer.Key, Group> groups = new LinkedHashMap<>();
        long bytes = 0;
        long budget = ctx.memoryBudgetBytes();
        SpillFile[] partitions = null;
        Path dir = ctx.spillDirectory();
        while (rows.hasNext()) {
            Object[] row = rows.next();
            Object[] key = Arrays.copyOf(row, keys.length);
            KeyNormalizer.Key k = KeyNormalizer.key(keyTypes, key);
            Group g = groups.get(k);
            if (g == null) {
                if (partitions != null || (bytes > budget && keys.length > 0 && depth < 4)) {
                    if (partitions == null) {
                        partitions = new SpillFile[PARTITIONS];
                    }
                    int p = Math.floorMod(Integer.rotateLeft(k.hashCode(), depth * 7) * 0x9E3779B9, PARTITIONS);
                    if (partitions[p] == null) {
                        partitions[p] = new SpillFile(rowTypes, dir);
                        spills.add(partitions[p]);
                        spilledFiles++;
                    }
                    partitions[p].write(row);
                    continue;
                }
                g = new Group();
                groups.put(k, g);
                keysByGroup.put(k, key);
                bytes += SpillFile.estimateBytes(key) + 64L * calls.size() + 64;
            }
            g.add(row);
            if (g.ordered.length > 0) {
                bytes += 8;
            }
        }
        peakBytes = Math.max(peakBytes, bytes);
        for (Map.Entry<KeyNormalizer.Key, Group> e : groups.entrySet()) {
            out.add(e.getValue().finish(keysByGroup.get(e.getKey())));
        }
        if (partitions != null) {
            groups.clear();
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
        return keys.length == 0 ? "Aggregate" : "HashAggregate (" + keys.length + " keys)";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
