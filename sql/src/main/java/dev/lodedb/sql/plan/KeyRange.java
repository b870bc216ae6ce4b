package dev.lodedb.sql.plan;

import java.util.List;

/**
 * A range on the primary-key column that follows a scan's key prefix ({@link LogicalPlan.Scan}):
 * the scan reads only the rows whose value of that column lies between the bounds, in key order
 * (a primary-key range scan). Bound values read no column of the scan (constants, parameters,
 * outer references and immutable expressions of those), are of the column's type, and are
 * evaluated once when the scan opens; a NULL bound selects no row. The conditions stay in the
 * scan's filter as well.
 *
 * @param lower the lower bound, or {@code null}
 * @param lowerInclusive whether the lower bound is included ({@code >=})
 * @param upper the upper bound, or {@code null}
 * @param upperInclusive whether the upper bound is included ({@code <=})
 * @param conditions the conjuncts of the scan's filter the bounds come from (for estimates)
 */
public record KeyRange(BoundExpr lower, boolean lowerInclusive, BoundExpr upper, boolean upperInclusive,
        List<BoundExpr> conditions) {
    /** Copies the conditions. */
    public KeyRange {
        conditions = List.copyOf(conditions);
    }
}
