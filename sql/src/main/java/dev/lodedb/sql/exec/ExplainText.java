package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders bound expressions for EXPLAIN, naming columns by their labels in the input. Thread-safe
 * (stateless).
 */
public final class ExplainText {
    private ExplainText() {
    }

    /** @return readable SQL-like text of {@code e} over {@code input} columns */
    public static String expr(BoundExpr e, List<PlanColumn> input) {
        if (e instanceof BoundExpr.ColumnRef c) {
            return c.index() < input.size() ? input.get(c.index()).name() : "$col" + c.index();
        }
        if (e instanceof BoundExpr.OuterRef o) {
            return (o.name() == null ? "outer" + o.index() : o.name()) + " (outer)";
        }
        if (e instanceof BoundExpr.Constant c) {
            if (c.value() == null) {
                return "NULL";
            }
            String s = Values.format(c.type().id() == TypeId.UNKNOWN ? DataType.TEXT : c.type(), c.value());
            return c.type().id().isNumeric() || c.type().id() == TypeId.BOOLEAN ? s
                    : "'" + s.replace("'", "''") + "'::" + c.type();
        }
        if (e instanceof BoundExpr.Parameter p) {
            return "$" + (p.index() + 1);
        }
        if (e instanceof BoundExpr.Call c) {
            String name = c.function().name();
            if (c.args().size() == 2 && !Character.isLetter(name.charAt(0))) {
                return "(" + expr(c.args().get(0), input) + " " + name + " " + expr(c.args().get(1), input) + ")";
            }
            return name + "(" + c.args().stream().map(a -> expr(a, input)).collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof BoundExpr.Cast c) {
            return expr(c.input(), input) + "::" + c.type();
        }
        if (e instanceof BoundExpr.Compare c) {
            return "(" + expr(c.left(), input) + " " + c.op().symbol() + " " + expr(c.right(), input) + ")";
        }
        if (e instanceof BoundExpr.And a) {
            return "(" + a.terms().stream().map(t -> expr(t, input)).collect(Collectors.joining(" AND ")) + ")";
        }
        if (e instanceof BoundExpr.Or o) {
            return "(" + o.terms().stream().map(t -> expr(t, input)).collect(Collectors.joining(" OR ")) + ")";
        }
        if (e instanceof BoundExpr.Not n) {
            return "NOT " + expr(n.input(), input);
        }
        if (e instanceof BoundExpr.IsNull n) {
            return "(" + expr(n.input(), input) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
        }
        if (e instanceof BoundExpr.InList i) {
            return "(" + expr(i.input(), input) + (i.negated() ? " NOT IN (" : " IN (")
                    + i.values().stream().map(v -> expr(v, input)).collect(Collectors.joining(", ")) + "))";
        }
        if (e instanceof BoundExpr.Subquery s) {
            return switch (s.kind()) {
                case EXISTS -> "EXISTS(SubPlan)";
                case SCALAR -> "(SubPlan)";
                case ANY -> "(" + expr(s.left(), input) + " " + s.op().symbol() + " ANY (SubPlan))";
                case ALL -> "(" + expr(s.left(), input) + " " + s.op().symbol() + " ALL (SubPlan))";
            };
        }
        if (e instanceof BoundExpr.Case) {
            return "CASE ... END";
        }
        if (e instanceof BoundExpr.Coalesce c) {
            return "COALESCE(" + c.args().stream().map(a -> expr(a, input)).collect(Collectors.joining(", ")) + ")";
        }
        return e.getClass().getSimpleName();
    }
}
