package dev.lodedb.sql.optimizer;

import dev.lodedb.sql.plan.BoundExpr;

/**
 * Default selectivities, as PostgreSQL's planner uses them when it has no statistics
 * ({@code src/include/utils/selfuncs.h}): until ANALYZE gathers per-column statistics they are all
 * LodeDB knows besides exact row counts. Thread-safe (constants).
 */
public final class Selectivity {
    /** {@code DEFAULT_EQ_SEL}: {@code col = value}. */
    public static final double EQUALITY = 0.005;
    /** {@code DEFAULT_INEQ_SEL}: one side of a range, {@code col < value}. */
    public static final double OPEN_RANGE = 1.0 / 3.0;
    /** {@code DEFAULT_RANGE_INEQ_SEL}: a closed range, {@code col BETWEEN a AND b}. */
    public static final double CLOSED_RANGE = 0.005;
    /** {@code DEFAULT_UNK_SEL}: {@code col IS NULL} without a null fraction. */
    public static final double IS_NULL = 0.005;
    /** Any other condition (PostgreSQL's default for an unknown boolean clause). */
    public static final double OTHER = 0.5;

    private Selectivity() {
    }

    /** @return the default selectivity of one conjunct */
    public static double of(BoundExpr c) {
        if (c instanceof BoundExpr.Compare cmp) {
            return switch (cmp.op()) {
                case EQ -> EQUALITY;
                case NE -> 1 - EQUALITY;
                default -> OPEN_RANGE;
            };
        }
        if (c instanceof BoundExpr.InList in && !in.negated()) {
            return Math.min(1, in.values().size() * EQUALITY);
        }
        if (c instanceof BoundExpr.IsNull n) {
            return n.negated() ? 1 - IS_NULL : IS_NULL;
        }
        return OTHER;
    }
}
