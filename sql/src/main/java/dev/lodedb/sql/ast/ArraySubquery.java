package dev.lodedb.sql.ast;

/**
 * {@code ARRAY(subquery)}: an array of the subquery's single column.
 *
 * @param query the subquery
 * @param position offset of {@code ARRAY}
 */
public record ArraySubquery(Query query, int position) implements Expr {
}
