package dev.lodedb.sql.ast;

/**
 * {@code a IS [NOT] DISTINCT FROM b}.
 *
 * @param left left operand
 * @param right right operand
 * @param negated {@code true} for {@code IS NOT DISTINCT FROM}
 * @param position offset of the left operand
 */
public record IsDistinctFrom(Expr left, Expr right, boolean negated, int position) implements Expr {
}
