package dev.lodedb.sql.ast;

/**
 * {@code TRUE} or {@code FALSE}.
 *
 * @param value the value
 * @param position offset of the keyword
 */
public record BooleanLiteral(boolean value, int position) implements Expr {
}
