package dev.lodedb.sql.ast;

/**
 * {@code expr [ASC | DESC | USING op] [NULLS FIRST | NULLS LAST]}.
 *
 * @param expr the sort key
 * @param direction the direction as written
 * @param usingOperator the operator of {@code USING op} (direction {@link Direction#USING}), else {@code null}
 * @param nulls the NULLS placement as written
 * @param position offset of the sort key
 */
public record OrderItem(Expr expr, Direction direction, String usingOperator, NullOrdering nulls, int position)
        implements Node {

    /** The sort direction. */
    public enum Direction {
        /** none written (ascending) */
        DEFAULT,
        /** {@code ASC} */
        ASC,
        /** {@code DESC} */
        DESC,
        /** {@code USING op} */
        USING
    }

    /** Where NULLs sort. */
    public enum NullOrdering {
        /** none written (NULLs sort as larger than any value) */
        DEFAULT,
        /** {@code NULLS FIRST} */
        FIRST,
        /** {@code NULLS LAST} */
        LAST
    }
}
