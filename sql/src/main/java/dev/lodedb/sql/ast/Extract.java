package dev.lodedb.sql.ast;

/**
 * {@code EXTRACT(field FROM source)}.
 *
 * @param field the field in lower case ({@code year}, {@code epoch}, ...)
 * @param source the date/time value
 * @param position offset of {@code EXTRACT}
 */
public record Extract(String field, Expr source, int position) implements Expr {
}
