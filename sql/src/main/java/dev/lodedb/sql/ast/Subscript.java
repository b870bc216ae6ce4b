package dev.lodedb.sql.ast;

/**
 * An array subscript {@code a[i]} or slice {@code a[lo:hi]} (either bound may be omitted in a
 * slice).
 *
 * @param base the subscripted expression
 * @param lower the index, or the slice's lower bound ({@code null} when omitted)
 * @param upper the slice's upper bound ({@code null} when omitted or not a slice)
 * @param slice whether a colon was written
 * @param position offset of the base expression
 */
public record Subscript(Expr base, Expr lower, Expr upper, boolean slice, int position) implements Expr {
}
