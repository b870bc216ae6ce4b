package dev.lodedb.sql.ast;

/**
 * A parenthesized subquery used as a value: {@code (SELECT max(x) FROM t)}.
 *
 * @param query the subquery
 * @param position offset of the opening parenthesis
 */
public record ScalarSubquery(Query query, int position) implements Expr {
}
