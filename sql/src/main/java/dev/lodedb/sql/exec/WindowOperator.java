package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.function.AggregateFunction;
import dev.lodedb.sql.plan.WindowCall;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Window functions: materializes its input, and for each window call sorts the rows by
 * (PARTITION BY, ORDER BY), walks each partition and computes the call for every row: ranking
 * functions (row_number, rank, dense_rank, percent_rank, cume_dist, ntile), offsets (lag, lead),
 * frame values (first_value, last_value, nth_value) and aggregates over ROWS, RANGE or GROUPS
 * frames with PostgreSQL's peer semantics. Running frames (UNBOUNDED PRECEDING to CURRENT ROW)
 * are computed incrementally; other frames are recomputed per row. Output: the input columns
 * followed by one column per call, in the order of the first call's sort.
 */
final class WindowOperator implements Operator {
    private final Operator input;
    private final List<WindowCall> calls;
    private final List<List<Evaluator>> args;
    private final List<List<Evaluator>> partitions;
    private final List<List<Evaluator>> orders;
    private final List<DataType> types;
    private Iterator<Object[]> out;
    private ChunkBuilder builder;
    private ExecContext ctx;

    WindowOperator(Operator input, List<WindowCall> calls, List<List<Evaluator>> args,
            List<List<Evaluator>> partitions, List<List<Evaluator>> orders, List<DataType> types) {
        this.input = input;
        this.calls = calls;
        this.args = args;
        this.partitions = partitions;
        this.orders = orders;
        this.types = types;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        input.open(ctx);
        int width = input.types().size();
        int w = calls.size();
        // per row: input values, then per call: args, partition keys, order keys
        List<Object[]> rows = new ArrayList<>();
        List<Object[][]> extra = new ArrayList<>();
        DataChunk chunk;
        while ((chunk = input.next()) != null) {
            ctx.checkCancelled();
            Vector[][][] ev = new Vector[w][3][];
            for (int c = 0; c < w; c++) {
                ev[c][0] = eval(args.get(c), chunk);
                ev[c][1] = eval(partitions.get(c), chunk);
                ev[c][2] = eval(orders.get(c), chunk);
            }
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                Object[] row = new Object[width + w];
                for (int c = 0; c < width; c++) {
                    row[c] = chunk.column(c).get(i);
                }
                rows.add(row);
                Object[][] x = new Object[w * 3][];
                for (int c = 0; c < w; c++) {
                    for (int part = 0; part < 3; part++) {
                        Vector[] vs = ev[c][part];
                        Object[] vals = new Object[vs.length];
                        for (int j = 0; j < vs.length; j++) {
                            vals[j] = vs[j].get(i);
                        }
                        x[c * 3 + part] = vals;
                    }
                }
                extra.add(x);
            }
        }
        Integer[] firstOrder = null;
        for (int c = w - 1; c >= 0; c--) {
            Integer[] order = compute(c, rows, extra, width);
            if (c == 0) {
                firstOrder = order;
            }
        }
        List<Object[]> result = new ArrayList<>(rows.size());
        if (firstOrder != null) {
            for (int idx : firstOrder) {
                result.add(rows.get(idx));
            }
        } else {
            result = rows;
        }
        out = result.iterator();
        builder = new ChunkBuilder(types);
    }

    private Vector[] eval(List<Evaluator> es, DataChunk chunk) {
        Vector[] v = new Vector[es.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = es.get(j).evaluate(chunk, ctx);
        }
        return v;
    }

    private Integer[] compute(int c, List<Object[]> rows, List<Object[][]> extra, int width) {
        WindowCall call = calls.get(c);
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<DataType> pt = partitions.get(c).stream().map(Evaluator::type).toList();
        List<DataType> ot = orders.get(c).stream().map(Evaluator::type).toList();
        boolean[] pdesc = new boolean[pt.size()];
        boolean[] pnf = new boolean[pt.size()];
        RowComparator pcmp = new RowComparator(pt, pdesc, pnf);
        boolean[] odesc = new boolean[ot.size()];
        boolean[] onf = new boolean[ot.size()];
        for (int k = 0; k < ot.size(); k++) {
            odesc[k] = call.orderBy().get(k).descending();
            onf[k] = call.orderBy().get(k).nullsFirst();
        }
        RowComparator ocmp = new RowComparator(ot, odesc, onf);
        Arrays.sort(order, (a, b) -> {
            int x = pcmp.compare(extra.get(a)[c * 3 + 1], extra.get(b)[c * 3 + 1]);
            return x != 0 ? x : ocmp.compare(extra.get(a)[c * 3 + 2], extra.get(b)[c * 3 + 2]);
        });
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && pcmp.compare(extra.get(order[start])[c * 3 + 1], extra.get(order[end])[c * 3 + 1]) == 0) {
                end++;
            }
            partition(c, call, Arrays.copyOfRange(order, start, end), rows, extra, width, ocmp);
            start = end;
        }
        return order;
    }

    private void partition(int c, WindowCall call, Integer[] part, List<Object[]> rows, List<Object[][]> extra,
            int width, RowComparator ocmp) {
        int n = part.length;
        // peer groups: peerStart[i], peerEnd[i] (exclusive), group number
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        int[] group = new int[n];
        int g = 0;
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && ocmp.compare(extra.get(part[i])[c * 3 + 2], extra.get(part[j])[c * 3 + 2]) == 0) {
                j++;
            }
            for (int k = i; k < j; k++) {
                peerStart[k] = i;
                peerEnd[k] = j;
                group[k] = g;
            }
            g++;
            i = j;
        }
        int col = width + c;
        String name = call.name();
        if (call.aggregate() == null) {
            for (int i = 0; i < n; i++) {
                Object[] a = extra.get(part[i])[c * 3];
                Object v;
                switch (name) {
                    case "row_number" -> v = (long) (i + 1);
                    case "rank" -> v = (long) (peerStart[i] + 1);
                    case "dense_rank" -> v = (long) (group[i] + 1);
                    case "percent_rank" -> v = n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
                    case "cume_dist" -> v = (double) peerEnd[i] / n;
                    case "ntile" -> {
                        Object b = a[0];
                        if (b == null) {
                            v = null;
                            break;
                        }
                        int buckets = (Integer) b;
                        if (buckets <= 0) {
                            throw new SqlException("22014", "argument of ntile must be greater than zero");
                        }
                        int per = n / buckets;
                        int rem = n % buckets;
                        int boundary = rem * (per + 1);
                        v = i < boundary ? i / (per + 1) + 1 : rem + (i - boundary) / per + 1;
                    }
                    case "lag", "lead" -> {
                        int off = a.length > 1 ? (a[1] == null ? 0 : (Integer) a[1]) : 1;
                        if (a.length > 1 && a[1] == null) {
                            v = null;
                            break;
                        }
                        int target = name.equals("lag") ? i - off : i + off;
                        if (target >= 0 && target < n) {
                            v = extra.get(part[target])[c * 3][0];
                        } else {
                            v = a.length > 2 ? a[2] : null;
                        }
                    }
                    default -> {
                        int[] f = frame(call, i, n, peerStart, peerEnd, group, part, extra, c);
                        int[] rowsIn = included(call.frame().exclusion(), f, i, peerStart, peerEnd);
                        if (rowsIn.length == 0) {
                            v = null;
                        } else if (name.equals("first_value")) {
                            v = extra.get(part[rowsIn[0]])[c * 3][0];
                        } else if (name.equals("last_value")) {
                            v = extra.get(part[rowsIn[rowsIn.length - 1]])[c * 3][0];
                        } else {
                            Object nth = a[1];
                            if (nth == null) {
                                v = null;
                            } else {
                                int k = (Integer) nth;
                                if (k <= 0) {
                                    throw new SqlException("22016", "argument of nth_value must be greater than zero");
                                }
                                v = k <= rowsIn.length ? extra.get(part[rowsIn[k - 1]])[c * 3][0] : null;
                            }
                        }
                    }
                }
                rows.get(part[i])[col] = v;
            }
            return;
        }
        AggregateFunction fn = call.aggregate();
        boolean running = call.frame().start().kind() == WindowCall.BoundKind.UNBOUNDED_PRECEDING
                && call.frame().end().kind() == WindowCall.BoundKind.CURRENT_ROW
                && call.frame().exclusion() == WindowCall.Exclusion.NO_OTHERS;
        if (running) {
            AggregateFunction.Accumulator acc = fn.newAccumulator();
            int added = 0;
            for (int i = 0; i < n; i++) {
                int end = call.frame().unit() == WindowCall.Unit.ROWS ? i : peerEnd[i] - 1;
                while (added <= end) {
                    add(fn, acc, extra.get(part[added])[c * 3]);
                    added++;
                }
                rows.get(part[i])[col] = acc.result();
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int[] f = frame(call, i, n, peerStart, peerEnd, group, part, extra, c);
            AggregateFunction.Accumulator acc = fn.newAccumulator();
            for (int k = f[0]; k <= f[1]; k++) {
                if (!excluded(call.frame().exclusion(), k, i, peerStart, peerEnd)) {
                    add(fn, acc, extra.get(part[k])[c * 3]);
                }
            }
            rows.get(part[i])[col] = acc.result();
        }
    }

    /** @return whether the frame's EXCLUDE option leaves row {@code k} out of row {@code i}'s frame */
    private static boolean excluded(WindowCall.Exclusion exclusion, int k, int i, int[] peerStart, int[] peerEnd) {
        return switch (exclusion) {
            case NO_OTHERS -> false;
            case CURRENT_ROW -> k == i;
            case GROUP -> k >= peerStart[i] && k < peerEnd[i];
            case TIES -> k != i && k >= peerStart[i] && k < peerEnd[i];
        };
    }

    /** @return the positions of frame {@code f} of row {@code i} that the EXCLUDE option keeps, in order */
    private static int[] included(WindowCall.Exclusion exclusion, int[] f, int i, int[] peerStart, int[] peerEnd) {
        int[] out = new int[Math.max(0, f[1] - f[0] + 1)];
        int m = 0;
        for (int k = f[0]; k <= f[1]; k++) {
            if (!excluded(exclusion, k, i, peerStart, peerEnd)) {
                out[m++] = k;
            }
        }
        return m == out.length ? out : java.util.Arrays.copyOf(out, m);
    }

    private static void add(AggregateFunction fn, AggregateFunction.Accumulator acc, Object[] a) {
        if (fn.strict()) {
            for (Object v : a) {
                if (v == null) {
                    return;
                }
            }
        }
        acc.add(a);
    }

    /** @return the frame of row {@code i} as inclusive positions [start, end] in the partition */
    private int[] frame(WindowCall call, int i, int n, int[] peerStart, int[] peerEnd, int[] group, Integer[] part,
            List<Object[][]> extra, int c) {
        WindowCall.Frame f = call.frame();
        int s = bound(f.start(), true, f.unit(), i, n, peerStart, peerEnd, group, part, extra, c, call);
        int e = bound(f.end(), false, f.unit(), i, n, peerStart, peerEnd, group, part, extra, c, call);
        return new int[] {Math.max(s, 0), Math.min(e, n - 1)};
    }

    private int bound(WindowCall.Bound b, boolean isStart, WindowCall.Unit unit, int i, int n, int[] peerStart,
            int[] peerEnd, int[] group, Integer[] part, List<Object[][]> extra, int c, WindowCall call) {
        switch (b.kind()) {
            case UNBOUNDED_PRECEDING:
                return 0;
            case UNBOUNDED_FOLLOWING:
                return n - 1;
            case CURRENT_ROW:
                if (unit == WindowCall.Unit.ROWS) {
                    return i;
                }
                return isStart ? peerStart[i] : peerEnd[i] - 1;
            default:
                break;
        }
        boolean preceding = b.kind() == WindowCall.BoundKind.PRECEDING;
        Object offValue = offset(b);
        if (unit == WindowCall.Unit.ROWS) {
            long off = ((Number) offValue).longValue();
            long r = preceding ? i - off : i + off;
            return (int) Math.max(-1, Math.min(n, r));
        }
        if (unit == WindowCall.Unit.GROUPS) {
            long off = ((Number) offValue).longValue();
            long target = preceding ? group[i] - off : group[i] + off;
            if (isStart) {
                for (int k = 0; k < n; k++) {
                    if (group[k] >= target) {
                        return k;
                    }
                }
                return n;
            }
            for (int k = n - 1; k >= 0; k--) {
                if (group[k] <= target) {
                    return k;
                }
            }
            return -1;
        }
        // RANGE with an offset: one numeric ORDER BY key
        if (call.orderBy().size() != 1) {
            throw new SqlException("42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }
        Object cur = extra.get(part[i])[c * 3 + 2][0];
        DataType kt = orders.get(c).get(0).type();
        boolean desc = call.orderBy().get(0).descending();
        if (cur == null) {
            return isStart ? peerStart[i] : peerEnd[i] - 1;
        }
        BigDecimal curD = toDecimal(kt, cur);
        BigDecimal off = toDecimal(kt, offValue);
        BigDecimal target = (preceding != desc) ? curD.subtract(off) : curD.add(off);
        if (isStart) {
            for (int k = 0; k < n; k++) {
                Object v = extra.get(part[k])[c * 3 + 2][0];
                if (v != null) {
                    int cmp = toDecimal(kt, v).compareTo(target);
                    if (desc ? cmp <= 0 : cmp >= 0) {
                        return k;
                    }
                }
            }
            return n;
        }
        for (int k = n - 1; k >= 0; k--) {
            Object v = extra.get(part[k])[c * 3 + 2][0];
            if (v != null) {
                int cmp = toDecimal(kt, v).compareTo(target);
                if (desc ? cmp >= 0 : cmp <= 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    private static BigDecimal toDecimal(DataType t, Object v) {
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Number num) {
            return BigDecimal.valueOf(num.longValue());
        }
        throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, "RANGE offsets over type " + t
                + " are not supported yet");
    }

    private static Object offset(WindowCall.Bound b) {
        if (!(b.offset() instanceof dev.lodedb.sql.plan.BoundExpr.Constant k) || k.value() == null) {
            throw new SqlException("22013", "frame offset must be a non-null constant");
        }
        Object v = k.value();
        if (v instanceof Number num && num.doubleValue() < 0) {
            throw new SqlException("22013", "frame starting or ending offset must not be negative");
        }
        if (k.type().id() == TypeId.UNKNOWN) {
            return Values.parse(DataType.NUMERIC, (String) v);
        }
        return v;
    }

    @Override
    public DataChunk next() {
        return builder.fill(out);
    }

    @Override
    public void close() {
        input.close();
    }

    @Override
    public String describe() {
        return "WindowAgg (" + calls.size() + " calls)";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
