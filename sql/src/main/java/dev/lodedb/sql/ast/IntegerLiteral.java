package dev.lodedb.sql.ast;

/**
 * An integer constant that fits in a {@code long}, e.g. {@code 42}. A minus sign directly in
 * front of a constant is folded into it, as PostgreSQL does, so {@code -42} is one literal.
 *
 * @param value the value
 * @param position offset of the literal (or of its minus sign)
 */
public record IntegerLiteral(long value, int position) implements Expr {
}
