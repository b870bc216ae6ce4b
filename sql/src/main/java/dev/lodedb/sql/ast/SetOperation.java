package dev.lodedb.sql.ast;

/**
 * {@code left UNION | INTERSECT | EXCEPT [ALL | DISTINCT] right}. INTERSECT binds tighter than
 * UNION and EXCEPT, which associate to the left.
 *
 * @param operator the set operator
 * @param all whether {@code ALL} was written ({@code DISTINCT} is the default)
 * @param left left operand
 * @param right right operand
 * @param position offset of the left operand
 */
public record SetOperation(Operator operator, boolean all, QueryBody left, QueryBody right, int position)
        implements QueryBody {

    /** The set operator. */
    public enum Operator {
        /** {@code UNION} */
        UNION,
        /** {@code INTERSECT} */
        INTERSECT,
        /** {@code EXCEPT} */
        EXCEPT
    }
}
