package dev.lodedb.sql.exec;

import dev.lodedb.sql.plan.BoundExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles {@link BoundExpr}s into {@link Evaluator}s. Subqueries are compiled into evaluators
 * that run their plans through the {@link PhysicalPlanner}. Thread-safe (stateless).
 */
public final class ExpressionCompiler {
    private ExpressionCompiler() {
    }

    /** @return an evaluator of {@code e} */
    public static Evaluator compile(BoundExpr e) {
        if (e instanceof BoundExpr.ColumnRef c) {
            return new ScalarEvaluators.ColumnEval(c.index(), c.type());
        }
        if (e instanceof BoundExpr.Constant c) {
            return new ScalarEvaluators.ConstantEval(c.value(), c.type());
        }
        if (e instanceof BoundExpr.Parameter p) {
            return new ScalarEvaluators.ParameterEval(p.index(), p.type());
        }
        if (e instanceof BoundExpr.OuterRef o) {
            return new ScalarEvaluators.OuterEval(o.depth(), o.index(), o.type());
        }
        if (e instanceof BoundExpr.Call c) {
            return ScalarEvaluators.call(c.function(), all(c.args()));
        }
        if (e instanceof BoundExpr.Cast c) {
            return new ScalarEvaluators.CastEval(compile(c.input()), c.input().type(), c.type(), c.context());
        }
        if (e instanceof BoundExpr.Compare c) {
            BoundExpr.Compare dates = dateAgainstTimestamp(c);
            if (dates != null) {
                c = dates;
            }
            return new CompareEvaluator(c.op(), compile(c.left()), compile(c.right()), c.operandType());
        }
        if (e instanceof BoundExpr.And a) {
            return new LogicalEvaluators.AndOr(all(a.terms()), true);
        }
        if (e instanceof BoundExpr.Or o) {
            return new LogicalEvaluators.AndOr(all(o.terms()), false);
        }
        if (e instanceof BoundExpr.Not n) {
            return new LogicalEvaluators.NotEval(compile(n.input()));
        }
        if (e instanceof BoundExpr.IsNull n) {
            return new LogicalEvaluators.IsNullEval(compile(n.input()), n.negated());
        }
        if (e instanceof BoundExpr.IsBoolean b) {
            return new LogicalEvaluators.IsBooleanEval(compile(b.input()), b.value(), b.negated());
        }
        if (e instanceof BoundExpr.IsDistinct d) {
            return new LogicalEvaluators.IsDistinctEval(compile(d.left()), compile(d.right()), d.operandType(),
                    d.negated());
        }
        if (e instanceof BoundExpr.InList i) {
            return new LogicalEvaluators.InListEval(compile(i.input()), i.values(), all(i.values()),
                    i.operandType(), i.negated());
        }
        if (e instanceof BoundExpr.Case c) {
            List<Evaluator> conditions = new ArrayList<>();
            List<Evaluator> results = new ArrayList<>();
            for (BoundExpr.When w : c.whens()) {
                conditions.add(compile(w.condition()));
                results.add(compile(w.result()));
            }
            return new LogicalEvaluators.CaseEval(conditions, results, compile(c.otherwise()), c.type());
        }
        if (e instanceof BoundExpr.Coalesce c) {
            return new LogicalEvaluators.CoalesceEval(all(c.args()), c.type());
        }
        if (e instanceof BoundExpr.Extremum x) {
            return new LogicalEvaluators.ExtremumEval(all(x.args()), x.greatest(), x.type());
        }
        BoundExpr.Subquery s = (BoundExpr.Subquery) e;
        return new SubqueryEvaluator(s, s.left() == null ? null : compile(s.left()));
    }

    /** @return evaluators of each expression */
    public static List<Evaluator> all(List<BoundExpr> exprs) {
        List<Evaluator> out = new ArrayList<>(exprs.size());
        for (BoundExpr e : exprs) {
            out.add(compile(e));
        }
        return out;
    }

    /**
     * Rewrites {@code date_column OP timestamp_constant} (the date promoted to a timestamp at
     * midnight, as in TPC-H's {@code l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR}) into a
     * comparison of dates, which skips converting every row: with {@code D} the constant's date, a
     * constant at midnight compares with {@code D} under the same operator; one later in the day
     * makes {@code <} and {@code <=} into {@code <= D}, {@code >} and {@code >=} into {@code > D}
     * (equality then stays as it is). Infinite constants are left alone.
     *
     * @return the comparison of dates, or {@code null} when {@code c} is not of that form
     */
    static BoundExpr.Compare dateAgainstTimestamp(BoundExpr.Compare c) {
        if (c.operandType().id() != dev.lodedb.engine.types.TypeId.TIMESTAMP) {
            return null;
        }
        BoundExpr.CompareOp op = c.op();
        BoundExpr date;
        BoundExpr constant;
        if (promotedDate(c.left()) != null && c.right() instanceof BoundExpr.Constant) {
            date = promotedDate(c.left());
            constant = c.right();
        } else if (promotedDate(c.right()) != null && c.left() instanceof BoundExpr.Constant) {
            date = promotedDate(c.right());
            constant = c.left();
            op = op.flip();
        } else {
            return null;
        }
        if (!(((BoundExpr.Constant) constant).value() instanceof java.time.LocalDateTime t)
                || t.isBefore(dev.lodedb.engine.types.PgEpoch.MIN_TIMESTAMP)
                || t.isAfter(dev.lodedb.engine.types.PgEpoch.MAX_TIMESTAMP)) {
            return null;
        }
        java.time.LocalDate d = t.toLocalDate();
        if (!t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            switch (op) {
                case LT, LE -> op = BoundExpr.CompareOp.LE;
                case GT, GE -> op = BoundExpr.CompareOp.GT;
                default -> {
                    return null;
                }
            }
        }
        return new BoundExpr.Compare(op, date, new BoundExpr.Constant(d, dev.lodedb.engine.types.DataType.DATE),
                dev.lodedb.engine.types.DataType.DATE);
    }

    /** @return {@code x} when {@code e} is {@code CAST(x AS timestamp)} of a date {@code x}, else {@code null} */
    private static BoundExpr promotedDate(BoundExpr e) {
        return e instanceof BoundExpr.Cast cast && cast.type().id() == dev.lodedb.engine.types.TypeId.TIMESTAMP
                && cast.input().type().id() == dev.lodedb.engine.types.TypeId.DATE ? cast.input() : null;
    }
}
