package dev.lodedb.sql.ast;

/**
 * {@code NULL}.
 *
 * @param position offset of the keyword
 */
public record NullLiteral(int position) implements Expr {
}
