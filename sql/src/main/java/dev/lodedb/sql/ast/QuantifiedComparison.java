package dev.lodedb.sql.ast;

/**
 * {@code x op ANY|SOME|ALL (subquery)} or {@code x op ANY|ALL (array)}; {@code SOME} reads as
 * {@code ANY}. Exactly one of {@code subquery} and {@code array} is set.
 *
 * @param left the left operand
 * @param operator the operator text (e.g. {@code =}, {@code <}, {@code LIKE}, {@code NOT ILIKE})
 * @param quantifier ANY or ALL
 * @param subquery the subquery, or {@code null}
 * @param array the array expression, or {@code null}
 * @param position offset of the left operand
 */
public record QuantifiedComparison(Expr left, String operator, Quantifier quantifier, Query subquery,
        Expr array, int position) implements Expr {

    /** The quantifier. */
    public enum Quantifier {
        /** {@code ANY} or {@code SOME} */
        ANY,
        /** {@code ALL} */
        ALL
    }
}
