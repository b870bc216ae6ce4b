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
}
