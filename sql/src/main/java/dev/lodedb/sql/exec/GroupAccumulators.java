package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.function.AggregateFunction;
import dev.lodedb.sql.plan.AggregateCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What the aggregation operators ({@link HashAggregate}, {@link GroupAggregate}) share: each input
 * row reduced to its group key, the aggregates' arguments, FILTER results and ORDER BY keys, and
 * the accumulators of one group that such rows are folded into (DISTINCT aggregates keep the
 * argument values seen, ordered aggregates buffer their rows and sort them when the group
 * finishes). A reduced row is laid out as the group key values, then per call its argument
 * values, its FILTER flag ({@code TRUE} without FILTER) and its ORDER BY key values.
 * Not thread-safe (one per operator).
 */
final class GroupAccumulators {
    private final Evaluator[] keys;
    private final List<AggregateCall> calls;
    private final Evaluator[][] args;
    private final Evaluator[] filters;
    private final Evaluator[][] orderKeys;
    private final List<DataType> keyTypes;
    /** Offset of each call's values in a reduced row (and the row's width at the end). */
    private final int[] callOffset;
    private final List<DataType> rowTypes;
    /** Whether no call is DISTINCT or ordered: rows can be folded straight from the vectors. */
    private final boolean vectorizable;
    /** Per call, whether its accumulator takes integer arguments unboxed. */
    private final boolean[] longArgs;
    /** Per call, whether its accumulator takes floating-point arguments unboxed. */
    private final boolean[] doubleArgs;
    private static final Object[] NO_ARGS = new Object[0];

    /**
     * @param keys the group key evaluators over the input
     * @param calls the aggregate calls
     * @param args per call, its argument evaluators
     * @param filters per call, its FILTER evaluator or {@code null}
     * @param orderKeys per call, its ORDER BY key evaluators
     */
    GroupAccumulators(List<Evaluator> keys, List<AggregateCall> calls, List<List<Evaluator>> args,
            List<Evaluator> filters, List<List<Evaluator>> orderKeys) {
        this.keys = keys.toArray(new Evaluator[0]);
        this.calls = calls;
        this.args = new Evaluator[calls.size()][];
        this.orderKeys = new Evaluator[calls.size()][];
        for (int i = 0; i < calls.size(); i++) {
            this.args[i] = args.get(i).toArray(new Evaluator[0]);
            this.orderKeys[i] = orderKeys.get(i).toArray(new Evaluator[0]);
        }
        this.filters = filters.toArray(new Evaluator[0]);
        this.keyTypes = PairCondition.types(keys);
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
        boolean v = true;
        longArgs = new boolean[calls.size()];
        doubleArgs = new boolean[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall c = calls.get(i);
            v &= !c.distinct() && c.orderBy().isEmpty();
            AggregateFunction.Accumulator probe = c.function().newAccumulator();
            longArgs[i] = probe instanceof AggregateFunction.LongAccumulator;
            doubleArgs[i] = probe instanceof AggregateFunction.DoubleAccumulator;
        }
        this.vectorizable = v;
    }

    /**
     * @return whether rows can be folded straight from evaluated vectors ({@link Group#addRow}): no
     *     call is DISTINCT or has an ORDER BY
     */
    boolean vectorizable() {
        return vectorizable;
    }

    /** @return the number of group keys */
    int keyCount() {
        return keys.length;
    }

    /** @return the number of aggregate calls */
    int callCount() {
        return calls.size();
    }

    /** @return the types of the group keys */
    List<DataType> keyTypes() {
        return keyTypes;
    }

    /** @return the types of a reduced row's values (for spilling them) */
    List<DataType> rowTypes() {
        return rowTypes;
    }

    /** @return the group key values of a reduced row (a copy) */
    Object[] key(Object[] row) {
        return Arrays.copyOf(row, keys.length);
    }

    /** @return a new group's accumulators */
    Group newGroup() {
        return new Group();
    }

    /**
     * @return the rows of the open operator {@code input}, reduced, in input order; checks for
     *     cancellation once per chunk
     */
    Iterator<Object[]> reducedRows(Operator input, ExecContext ctx) {
        return new Iterator<>() {
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
                    evaluated = evaluate(chunk, ctx);
                }
                return true;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
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
    }

    /**
     * @return the group key vectors ({@code [0]}), then per call its argument vectors, its FILTER
     *     vector ({@code null} without FILTER) and its ORDER BY key vectors, over {@code chunk}'s rows
     */
    Vector[][] evaluate(DataChunk chunk, ExecContext ctx) {
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

    /** The accumulators of one group. */
    final class Group {
        private final AggregateFunction.Accumulator[] acc = new AggregateFunction.Accumulator[calls.size()];
        private final Set<Object>[] seen;
        private final List<Object[]>[] ordered;
        private final boolean buffers;

        @SuppressWarnings("unchecked")
        private Group() {
            seen = new Set[calls.size()];
            ordered = new List[calls.size()];
            boolean b = false;
            for (int i = 0; i < calls.size(); i++) {
                acc[i] = calls.get(i).function().newAccumulator();
                if (calls.get(i).distinct()) {
                    seen[i] = new HashSet<>();
                }
                if (!calls.get(i).orderBy().isEmpty()) {
                    ordered[i] = new ArrayList<>();
                    b = true;
                }
            }
            buffers = b;
        }

        /** @return whether the group buffers rows (an aggregate with ORDER BY): its memory grows per row */
        boolean buffers() {
            return buffers;
        }

        /**
         * Folds row {@code i} of evaluated vectors ({@link #evaluate}) into the group, as {@link
         * #add} does with the reduced row, without building it: for {@link #vectorizable()} calls.
         */
        void addRow(Vector[][] evaluated, int i) {
            for (int c = 0; c < acc.length; c++) {
                Vector[] v = evaluated[1 + c];
                int n = args[c].length;
                Vector f = v[n];
                if (f != null && (f.isNull(i) || !f.booleans()[i])) {
                    continue;
                }
                AggregateFunction.Accumulator a = acc[c];
                if (n == 0) {
                    a.add(NO_ARGS);
                } else if (n == 1) {
                    Vector x = v[0];
                    if (x.isNull(i)) {
                        if (!calls.get(c).function().strict()) {
                            a.addValue(null);
                        }
                    } else if (longArgs[c] && x.layout() == Vector.Layout.LONG) {
                        ((AggregateFunction.LongAccumulator) a).addLong(x.longs()[i]);
                    } else if (doubleArgs[c] && x.layout() == Vector.Layout.DOUBLE) {
                        ((AggregateFunction.DoubleAccumulator) a).addDouble(x.doubles()[i]);
                    } else {
                        a.addValue(x.get(i));
                    }
                } else {
                    Object[] values = new Object[n];
                    boolean anyNull = false;
                    for (int k = 0; k < n; k++) {
                        values[k] = v[k].get(i);
                        anyNull |= values[k] == null;
                    }
                    if (!anyNull || !calls.get(c).function().strict()) {
                        a.add(values);
                    }
                }
            }
        }

        /** Folds one reduced row into the group. */
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

        /** @return the output row: {@code key} followed by each aggregate's result */
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
}
