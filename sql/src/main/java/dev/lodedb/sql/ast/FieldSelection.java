package dev.lodedb.sql.ast;

/**
 * Field selection from a composite value: {@code (x).f}, or {@code (x).*} when {@code field} is
 * {@code "*"}.
 *
 * @param base the composite expression
 * @param field the field name, or {@code "*"}
 * @param position offset of the base expression
 */
public record FieldSelection(Expr base, String field, int position) implements Expr {
}
