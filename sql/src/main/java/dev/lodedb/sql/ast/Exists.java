package dev.lodedb.sql.ast;

/**
 * {@code EXISTS (subquery)}.
 *
 * @param query the subquery
 * @param position offset of {@code EXISTS}
 */
public record Exists(Query query, int position) implements Expr {
}
