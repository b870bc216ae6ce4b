package dev.lodedb.sql.plan;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.function.AggregateFunction;
import java.util.List;

/**
 * An aggregate in an {@link LogicalPlan.Aggregate} node: {@code name(DISTINCT args ORDER BY ...)
 * FILTER (WHERE filter)}; arguments are over the aggregate's input.
 *
 * @param function the resolved aggregate
 * @param args the arguments (empty for {@code count(*)})
 * @param distinct whether duplicates of the argument tuple are dropped first
 * @param filter the FILTER condition, or {@code null}
 * @param orderBy the ordering of the input rows within a group (string_agg, array_agg, jsonb_agg)
 */
public record AggregateCall(AggregateFunction function, List<BoundExpr> args, boolean distinct, BoundExpr filter,
        List<SortKey> orderBy) {
    /** @return the result type */
    public DataType type() {
        return function.returnType();
    }
}
