package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.plan.JoinType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Merge join (sort-merge join; Graefe, "Query Evaluation Techniques for Large Databases", ACM
 * Computing Surveys 25(2), 1993, section 5.1; PostgreSQL's {@code nodeMergejoin.c}) of two inputs
 * that both arrive in ascending order of their equi-join keys: the inputs are read in step, the
 * side with the smaller key advances, and when the keys are equal the right input's run of rows
 * with that key (the current group) is buffered and joined with every left row of the same key.
 * The buffered group plays the part of PostgreSQL's mark and restore on the inner input: a left
 * run of equal keys re-reads the group from memory, so memory holds one group of equal right keys
 * (no spilling; the planner prefers a hash join when duplicates are expected to be many). Runs may
 * span any number of input chunks.
 *
 * <p>Keys are compared in PostgreSQL's btree order ({@link Values#compare}) of the left keys'
 * types; the planner pairs keys of the same type. A row with a NULL key never matches: wherever
 * it occurs (the inputs may hold NULLs first or last) it is passed over, or emitted unmatched by
 * the outer join types. A residual condition ({@code Join Filter}) is evaluated on the pairs of
 * equal keys a chunk at a time ({@link PairCondition}). All join types: INNER, LEFT, RIGHT, FULL
 * (right rows left unmatched are emitted when their group is passed), SEMI and ANTI (left rows
 * with / without a match, once). INNER, LEFT, SEMI and ANTI return rows in the left input's order.
 * An input found out of order is reported as an internal error ({@link IllegalStateException})
 * rather than producing a wrong result. Not thread-safe.
 */
final class MergeJoin implements Operator {
    private final JoinType type;
    private final Operator left;
    private final Operator right;
    private final Evaluator[] leftKeys;
    private final Evaluator[] rightKeys;
    private final DataType[] keyTypes;
    private final Evaluator residual;
    private final List<DataType> types;
    private final List<DataType> combinedTypes;
    private final int leftWidth;
    private final int rightWidth;
    private final boolean rightOuter;
    private final String description;
    private ExecContext ctx;
    private KeyedRows leftRows;
    private KeyedRows rightRows;
    private PairCondition residualCheck;
    private ChunkBuilder builder;
    private final ArrayDeque<Object[]> output = new ArrayDeque<>();
    /** The right rows of the current group (equal non-NULL keys), in input order; empty for none. */
    private final List<Object[]> group = new ArrayList<>();
    private final BitSet groupMatched = new BitSet();
    /** The left row waiting for the right input to reach its key, or {@code null}. */
    private Object[] current;
    /** The last left and right rows with non-NULL keys read (to check the input order). */
    private Object[] lastLeft;
    private Object[] lastRight;
    /** Left rows of the batch being joined, the pairs found for them, and each pair's rows (left, group). */
    private final List<Object[]> batchLeft = new ArrayList<>();
    private final List<Object[]> pairs = new ArrayList<>();
    private final List<int[]> pairRows = new ArrayList<>();
    private boolean drainingRight;
    private boolean done;
    private long peakBytes;
    private long groupBytes;

    /**
     * @param type the join type
     * @param left the left input, ascending on {@code leftKeys}
     * @param right the right input, ascending on {@code rightKeys}
     * @param leftKeys key expressions over the left input's columns
     * @param rightKeys as many key expressions over the right input's columns, of the same types
     * @param residual a condition over the left ++ right columns checked on pairs of equal keys, or
     *     {@code null}
     * @param description the EXPLAIN text ({@code Merge Join}, {@code Merge Cond:} and {@code Join
     *     Filter:} lines)
     */
    MergeJoin(JoinType type, Operator left, Operator right, List<Evaluator> leftKeys, List<Evaluator> rightKeys,
            Evaluator residual, String description) {
        if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("a merge join needs as many right keys as left keys, at least one");
        }
        this.type = type;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.toArray(new Evaluator[0]);
        this.rightKeys = rightKeys.toArray(new Evaluator[0]);
        this.keyTypes = PairCondition.types(leftKeys).toArray(new DataType[0]);
        this.residual = residual;
        this.leftWidth = left.types().size();
        this.rightWidth = right.types().size();
        this.combinedTypes = PairCondition.concat(left.types(), right.types());
        this.types = type == JoinType.SEMI || type == JoinType.ANTI ? left.types() : combinedTypes;
        this.rightOuter = type == JoinType.RIGHT || type == JoinType.FULL;
        this.description = description;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        output.clear();
        group.clear();
        groupMatched.clear();
        batchLeft.clear();
        pairs.clear();
        pairRows.clear();
        current = null;
        lastLeft = null;
        lastRight = null;
        drainingRight = false;
        done = false;
        peakBytes = 0;
        groupBytes = 0;
        builder = new ChunkBuilder(types);
        residualCheck = new PairCondition(residual, combinedTypes);
        left.open(ctx);
        right.open(ctx);
        leftRows = new KeyedRows(left, leftKeys, leftWidth, ctx);
        rightRows = new KeyedRows(right, rightKeys, rightWidth, ctx);
    }

    @Override
    public DataChunk next() {
        builder.reset();
        while (!builder.isFull()) {
            if (!output.isEmpty()) {
                builder.add(output.poll());
            } else if (done) {
                break;
            } else {
                step();
            }
        }
        return builder.finish();
    }

    /** Joins left rows until about a chunk of output or candidate pairs is ready, or the end. */
    private void step() {
        while (output.size() < DataChunk.CAPACITY && pairs.size() < DataChunk.CAPACITY && !done) {
            if (drainingRight) {
                if (rightRows.hasNext()) {
                    emitUnmatchedRight(rightRows.next());
                } else {
                    done = true;
                }
                continue;
            }
            if (current == null) {
                if (!leftRows.hasNext()) {
                    flushGroup();
                    drainingRight = rightOuter;
                    done = !rightOuter;
                    continue;
                }
                current = leftRows.next();
                if (hasNull(current, leftWidth)) {
                    batchLeft.add(current);
                    current = null;
                    continue;
                }
                checkOrder(lastLeft, leftWidth, current, leftWidth, "left");
                lastLeft = current;
                if (!group.isEmpty() && compare(current, leftWidth, group.get(0), rightWidth) > 0) {
                    flushGroup();
                }
            }
            if (group.isEmpty()) {
                Object[] r = rightRows.peek();
                if (r != null && (hasNull(r, rightWidth) || compare(current, leftWidth, r, rightWidth) > 0)) {
                    rightRows.next();
                    if (!hasNull(r, rightWidth)) {
                        checkOrder(lastRight, rightWidth, r, rightWidth, "right");
                        lastRight = r;
                    }
                    emitUnmatchedRight(r);
                    continue; // one right row at a time: the output stays about a chunk
                }
                if (r != null) {
                    loadGroup();
                }
            }
            Object[] l = current;
            current = null;
            int li = batchLeft.size();
            batchLeft.add(l);
            if (!group.isEmpty() && compare(l, leftWidth, group.get(0), rightWidth) == 0) {
                for (int j = 0; j < group.size(); j++) {
                    pairs.add(PairCondition.pair(l, leftWidth, group.get(j), rightWidth));
                    pairRows.add(new int[] {li, j});
                }
            }
        }
        evaluatePending();
    }

    /** Buffers the right rows with the key of the next right row (its key is not NULL). */
    private void loadGroup() {
        Object[] first = rightRows.next();
        checkOrder(lastRight, rightWidth, first, rightWidth, "right");
        lastRight = first;
        group.add(first);
        groupBytes = SpillFile.estimateBytes(first);
        Object[] r;
        while ((r = rightRows.peek()) != null && !hasNull(r, rightWidth)
                && compareRight(r, first) == 0) {
            group.add(rightRows.next());
            groupBytes += SpillFile.estimateBytes(r);
        }
        peakBytes = Math.max(peakBytes, groupBytes);
    }

    /** Finishes the current group: its pending pairs are decided, its unmatched rows emitted (RIGHT, FULL). */
    private void flushGroup() {
        evaluatePending();
        if (rightOuter) {
            for (int j = groupMatched.nextClearBit(0); j < group.size(); j = groupMatched.nextClearBit(j + 1)) {
                emitUnmatchedRight(group.get(j));
            }
        }
        group.clear();
        groupMatched.clear();
    }

    /** Decides the batch's pairs by the residual condition and emits its rows in left order. */
    private void evaluatePending() {
        if (batchLeft.isEmpty()) {
            return;
        }
        boolean[] pass = residualCheck.test(pairs, ctx);
        int c = 0;
        for (int i = 0; i < batchLeft.size(); i++) {
            boolean matched = false;
            for (; c < pairs.size() && pairRows.get(c)[0] == i; c++) {
                if (!pass[c]) {
                    continue;
                }
                matched = true;
                if (rightOuter) {
                    groupMatched.set(pairRows.get(c)[1]);
                }
                if (type != JoinType.SEMI && type != JoinType.ANTI) {
                    output.add(pairs.get(c));
                }
            }
            Object[] l = batchLeft.get(i);
            if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
                output.add(Arrays.copyOf(l, leftWidth));
            } else if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
                output.add(PairCondition.pair(l, leftWidth, null, rightWidth));
            }
        }
        batchLeft.clear();
        pairs.clear();
        pairRows.clear();
    }

    private void emitUnmatchedRight(Object[] r) {
        if (rightOuter) {
            output.add(PairCondition.pair(null, leftWidth, r, rightWidth));
        }
    }

    private boolean hasNull(Object[] row, int width) {
        for (int j = 0; j < keyTypes.length; j++) {
            if (row[width + j] == null) {
                return true;
            }
        }
        return false;
    }

    /** @return the order of the keys of {@code a} (at {@code aw}) and {@code b} (at {@code bw}), none NULL */
    private int compare(Object[] a, int aw, Object[] b, int bw) {
        for (int j = 0; j < keyTypes.length; j++) {
            int c = Values.compare(keyTypes[j], a[aw + j], b[bw + j]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compareRight(Object[] a, Object[] b) {
        return compare(a, rightWidth, b, rightWidth);
    }

    private void checkOrder(Object[] previous, int pw, Object[] row, int w, String side) {
        if (previous != null && compare(previous, pw, row, w) > 0) {
            throw new IllegalStateException("merge join: the " + side + " input is not in key order");
        }
    }

    @Override
    public void close() {
        left.close();
        right.close();
        output.clear();
        group.clear();
        batchLeft.clear();
        pairs.clear();
        pairRows.clear();
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
        return List.of(left, right);
    }
}
