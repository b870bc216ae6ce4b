package dev.lodedb.sql.ast;

/**
 * {@code x [NOT] IN (SELECT ...)}; {@code x} may be a row constructor.
 *
 * @param expr the tested expression
 * @param query the subquery
 * @param negated whether {@code NOT} was written
 * @param position offset of the tested expression
 */
public record InSubquery(Expr expr, Query query, boolean negated, int position) implements Expr {
}
