package dev.lodedb.sql.plan;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.function.AggregateFunction;
import java.util.List;

/**
 * A window function call in a {@link LogicalPlan.Window} node, all expressions over its input.
 *
 * @param name the function name (row_number, rank, dense_rank, percent_rank, cume_dist, ntile,
 *     lag, lead, first_value, last_value, nth_value, or an aggregate)
 * @param aggregate the aggregate when an aggregate is used as a window function, else {@code null}
 * @param args the arguments
 * @param partitionBy PARTITION BY keys
 * @param orderBy ORDER BY keys
 * @param frame the frame
 * @param type the result type
 */
public record WindowCall(String name, AggregateFunction aggregate, List<BoundExpr> args, List<BoundExpr> partitionBy,
        List<SortKey> orderBy, Frame frame, DataType type) {
    /** Frame units. */
    public enum Unit { ROWS, RANGE, GROUPS }

    /** Frame bound kinds. */
    public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /**
     * A frame bound; {@code offset} is a constant expression for PRECEDING / FOLLOWING.
     *
     * @param kind the kind
     * @param offset the offset, or {@code null}
     */
    public record Bound(BoundKind kind, BoundExpr offset) {
    }

    /** The frame's EXCLUDE option: which rows of the frame around the current row are left out. */
    public enum Exclusion {
        /** none (the default) */
        NO_OTHERS,
        /** the current row */
        CURRENT_ROW,
        /** the current row and its peers */
        GROUP,
        /** the current row's peers, not the row itself */
        TIES
    }

    /**
     * The frame. The default, {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}, makes
     * peers (rows equal in the ORDER BY keys) share one value.
     *
     * @param unit the unit
     * @param start the start bound
     * @param end the end bound
     * @param exclusion the EXCLUDE option
     */
    public record Frame(Unit unit, Bound start, Bound end, Exclusion exclusion) {
        /** PostgreSQL's default frame. */
        public static final Frame DEFAULT = new Frame(Unit.RANGE, new Bound(BoundKind.UNBOUNDED_PRECEDING, null),
                new Bound(BoundKind.CURRENT_ROW, null), Exclusion.NO_OTHERS);
    }
}
