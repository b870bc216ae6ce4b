package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.Iterator;
import java.util.List;

/**
 * Sorted (streaming) aggregation, PostgreSQL's {@code GroupAggregate} ({@code AGG_SORTED} in
 * {@code nodeAgg.c}; Graefe, "Query Evaluation Techniques for Large Databases", ACM Computing
 * Surveys 25(2), 1993, section 4.1, aggregation by sorting): the input arrives ordered (or at
 * least grouped) on the GROUP BY keys, so the rows of one group are adjacent. The operator folds
 * rows into one group's accumulators while the key stays the same and emits the group as soon as
 * the key changes, so it holds one group's state in memory, never spills, returns its first row
 * before reading all of its input, and returns the groups in input order (an ORDER BY on the
 * keys needs no sort afterwards). Keys are compared as GROUP BY compares them (NULLs equal, by
 * {@link KeyNormalizer}), the same as {@link HashAggregate}, whose row reduction and accumulators
 * ({@link GroupAccumulators}) it shares. Only for GROUP BY with keys (a plain aggregate is a
 * {@link HashAggregate} with one group). Not thread-safe.
 */
final class GroupAggregate implements Operator {
    private final Operator input;
    private final GroupAccumulators groups;
    private final List<DataType> types;
    private final String description;
    private Iterator<Object[]> rows;
    private ChunkBuilder builder;
    /** The current group's key values and normalized key, or {@code null} before the first row. */
    private Object[] key;
    private KeyNormalizer.Key normalized;
    private GroupAccumulators.Group group;
    /** Peak estimated bytes of the current group, this execution (EXPLAIN ANALYZE). */
    private long peakBytes;
    private long groupBytes;
    /**
     * Vectorized mode ({@link GroupAccumulators#vectorizable()}): the input chunk, its evaluated
     * vectors and position.
     */
    private boolean vectorized;
    private ExecContext ctx;
    private DataChunk chunk;
    private Vector[][] evaluated;
    private int position;
    private boolean inputDone;
    private GroupTable keys;

    /**
     * @param input the input, grouped on the keys of {@code groups} (at least one key)
     * @param groups the keys, aggregate calls and their accumulators
     * @param types the output types: the keys' then the aggregates'
     * @param description the EXPLAIN text: {@code GroupAggregate} and a {@code Group Key:} line
     */
    GroupAggregate(Operator input, GroupAccumulators groups, List<DataType> types, String description) {
        if (groups.keyCount() == 0) {
            throw new IllegalArgumentException("a group aggregate needs group keys");
        }
        this.input = input;
        this.groups = groups;
        this.types = types;
        this.description = description;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        input.open(ctx);
        this.ctx = ctx;
        vectorized = groups.vectorizable();
        chunk = null;
        evaluated = null;
        position = 0;
        inputDone = false;
        keys = vectorized ? new GroupTable(groups.keyTypes()) : null;
        rows = vectorized ? null : groups.reducedRows(input, ctx);
        builder = new ChunkBuilder(types);
        key = null;
        normalized = null;
        group = null;
        peakBytes = 0;
        groupBytes = 0;
    }

    @Override
    public DataChunk next() {
        builder.reset();
        if (vectorized) {
            return nextVectorized();
        }
        while (!builder.isFull() && rows != null) {
            if (!rows.hasNext()) {
                rows = null;
                if (group != null) {
                    builder.add(group.finish(key));
                    group = null;
                }
                break;
            }
            Object[] row = rows.next();
            Object[] k = groups.key(row);
            KeyNormalizer.Key n = KeyNormalizer.key(groups.keyTypes(), k);
            if (group != null && !n.equals(normalized)) {
                builder.add(group.finish(key));
                group = null;
            }
            if (group == null) {
                group = groups.newGroup();
                key = k;
                normalized = n;
                groupBytes = SpillFile.estimateBytes(k) + 64L * groups.callCount() + 64;
            }
            group.add(row);
            if (group.buffers()) {
                groupBytes += SpillFile.estimateBytes(row);
            }
            peakBytes = Math.max(peakBytes, groupBytes);
        }
        return builder.finish();
    }

    /**
     * {@link #next} straight from the input's vectors: a row's key is compared with the current
     * group's normalized key without building either, and folded in by {@link
     * GroupAccumulators.Group#addRow}.
     */
    private DataChunk nextVectorized() {
        while (!builder.isFull() && !inputDone) {
            if (chunk == null || position >= chunk.size()) {
                chunk = input.next();
                if (chunk == null) {
                    inputDone = true;
                    if (group != null) {
                        builder.add(group.finish(key));
                        group = null;
                    }
                    break;
                }
                ctx.checkCancelled();
                evaluated = groups.evaluate(chunk, ctx);
                position = 0;
                continue;
            }
            int i = chunk.row(position++);
            Vector[] kv = evaluated[0];
            if (group != null && !keys.sameKey(normalized.values(), kv, i)) {
                builder.add(group.finish(key));
                group = null;
            }
            if (group == null) {
                group = groups.newGroup();
                Object[] k = new Object[kv.length];
                for (int j = 0; j < k.length; j++) {
                    k[j] = kv[j].get(i);
                }
                key = k;
                normalized = new KeyNormalizer.Key(keys.normalizedKeyOf(kv, i));
                groupBytes = SpillFile.estimateBytes(k) + 64L * groups.callCount() + 64;
                peakBytes = Math.max(peakBytes, groupBytes);
            }
            group.addRow(evaluated, i);
        }
        return builder.finish();
    }

    @Override
    public void close() {
        input.close();
        group = null;
    }

    @Override
    public String analyze() {
        return Operator.memoryLine(peakBytes, 0);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
