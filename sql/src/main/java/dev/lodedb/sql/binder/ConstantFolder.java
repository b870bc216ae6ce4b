package dev.lodedb.sql.binder;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.function.FunctionContext;
import dev.lodedb.sql.plan.BoundExpr;
import java.time.OffsetDateTime;
import java.util.random.RandomGenerator;

/**
 * Folds calls of immutable functions over constants into constants at bind time. A call that
 * fails (division by zero, bad input) is left as it is, so that the error is raised only if the
 * row that evaluates it is reached, as a query that never evaluates it must not fail. Calls without
 * arguments ({@code now()}, {@code random()}) are never folded: their value belongs to the
 * execution. Thread-safe (stateless).
 */
final class ConstantFolder {
    private static final FunctionContext NO_CONTEXT = new FunctionContext() {
        @Override
        public OffsetDateTime transactionTimestamp() {
            throw new IllegalStateException("not foldable");
        }

        @Override
        public OffsetDateTime statementTimestamp() {
            throw new IllegalStateException("not foldable");
        }

        @Override
        public RandomGenerator random() {
            throw new IllegalStateException("not foldable");
        }
    };

    private ConstantFolder() {
    }

    /** @return a constant for {@code call} if it can be computed now, else {@code call} */
    static BoundExpr tryFold(BoundExpr call) {
        BoundExpr.Call c = (BoundExpr.Call) call;
        if (c.args().isEmpty() || c.function().volatile_()) {
            return call;
        }
        Object[] args = new Object[c.args().size()];
        for (int i = 0; i < args.length; i++) {
            Object v = ((BoundExpr.Constant) c.args().get(i)).value();
            if (v == null && c.function().strict()) {
                return new BoundExpr.Constant(null, c.type());
            }
            args[i] = v;
        }
        try {
            return new BoundExpr.Constant(c.function().implementation().apply(NO_CONTEXT, args), c.type());
        } catch (SqlException | IllegalStateException | ArithmeticException e) {
            return call;
        }
    }
}
