package dev.lodedb.sql.ast;

/**
 * A window frame: {@code ROWS | RANGE | GROUPS start} or
 * {@code ... BETWEEN start AND end}, with an optional EXCLUDE clause.
 *
 * @param unit ROWS, RANGE or GROUPS
 * @param start the frame start
 * @param end the frame end, or {@code null} when BETWEEN was not written (the end is CURRENT ROW)
 * @param exclusion the EXCLUDE clause ({@link Exclusion#NO_OTHERS} when none was written)
 * @param position offset of the unit keyword
 */
public record WindowFrame(Unit unit, Bound start, Bound end, Exclusion exclusion, int position) implements Node {

    /** The frame unit. */
    public enum Unit {
        /** {@code ROWS} */
        ROWS,
        /** {@code RANGE} */
        RANGE,
        /** {@code GROUPS} */
        GROUPS
    }

    /** The EXCLUDE option. */
    public enum Exclusion {
        /** {@code EXCLUDE NO OTHERS} (the default) */
        NO_OTHERS,
        /** {@code EXCLUDE CURRENT ROW} */
        CURRENT_ROW,
        /** {@code EXCLUDE GROUP} */
        GROUP,
        /** {@code EXCLUDE TIES} */
        TIES
    }

    /** The kind of a frame bound. */
    public enum BoundType {
        /** {@code UNBOUNDED PRECEDING} */
        UNBOUNDED_PRECEDING,
        /** {@code n PRECEDING} */
        PRECEDING,
        /** {@code CURRENT ROW} */
        CURRENT_ROW,
        /** {@code n FOLLOWING} */
        FOLLOWING,
        /** {@code UNBOUNDED FOLLOWING} */
        UNBOUNDED_FOLLOWING
    }

    /**
     * One end of the frame.
     *
     * @param type the bound kind
     * @param offset the offset of {@code n PRECEDING} / {@code n FOLLOWING}, else {@code null}
     * @param position offset of the bound's first token
     */
    public record Bound(BoundType type, Expr offset, int position) implements Node {
    }
}
