package dev.lodedb.sql.ast;

/**
 * A numeric constant kept as its source text, e.g. {@code 1.5}, {@code .5}, {@code 1e10} or an
 * integer too large for a {@code long}; a folded minus sign is part of the text.
 *
 * @param text the constant as written (with a leading {@code -} when negated)
 * @param position offset of the literal
 */
public record NumericLiteral(String text, int position) implements Expr {
}
