package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.util.List;

/** Skips OFFSET rows, then passes at most LIMIT rows and stops pulling its input. */
final class LimitOperator implements Operator {
    private final Operator input;
    private final Evaluator limit;
    private final Evaluator offset;
    private long remaining;
    private long toSkip;

    LimitOperator(Operator input, Evaluator limit, Evaluator offset) {
        this.input = input;
        this.limit = limit;
        this.offset = offset;
    }

    @Override
    public List<DataType> types() {
        return input.types();
    }

    /** Evaluates a LIMIT or OFFSET expression; {@code state} is 2201W for LIMIT and 2201X for OFFSET. */
    static long value(Evaluator e, ExecContext ctx, long dflt, String state) {
        if (e == null) {
            return dflt;
        }
        Object v = e.evaluateOnce(ctx);
        if (v == null) {
            return dflt;
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw new SqlException(state, (state.equals("2201W") ? "LIMIT" : "OFFSET") + " must not be negative");
        }
        return n;
    }

    @Override
    public void open(ExecContext ctx) {
        remaining = value(limit, ctx, Long.MAX_VALUE, "2201W");
        toSkip = value(offset, ctx, 0, "2201X");
        input.open(ctx);
    }

    @Override
    public DataChunk next() {
        while (remaining > 0) {
            DataChunk in = input.next();
            if (in == null) {
                return null;
            }
            int n = in.size();
            int start = 0;
            if (toSkip > 0) {
                int skip = (int) Math.min(toSkip, n);
                toSkip -= skip;
                start = skip;
                if (start == n) {
                    continue;
                }
            }
            int take = (int) Math.min(remaining, n - start);
            remaining -= take;
            if (start == 0 && take == n) {
                return in;
            }
            int[] sel = new int[take];
            for (int k = 0; k < take; k++) {
                sel[k] = in.row(start + k);
            }
            in.select(sel, take);
            return in;
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
    }

    @Override
    public String describe() {
        return "Limit";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
