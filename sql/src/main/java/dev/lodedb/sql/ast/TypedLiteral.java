package dev.lodedb.sql.ast;

/**
 * A constant of a named type: {@code DATE '2024-01-01'}, {@code INTERVAL '1' DAY},
 * {@code TIMESTAMP(3) '...'}, {@code int4 '7'}.
 *
 * @param type the type (for intervals including a field restriction written after the string)
 * @param value the string's decoded value
 * @param position offset of the type name
 */
public record TypedLiteral(TypeName type, String value, int position) implements Expr {
}
