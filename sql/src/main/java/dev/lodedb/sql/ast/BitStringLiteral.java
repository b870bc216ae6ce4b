package dev.lodedb.sql.ast;

/**
 * A bit-string constant {@code B'0101'} or {@code X'1F'}. The digits are not validated here.
 *
 * @param digits the characters between the quotes
 * @param hex {@code true} for {@code X'...'}, {@code false} for {@code B'...'}
 * @param position offset of the literal
 */
public record BitStringLiteral(String digits, boolean hex, int position) implements Expr {
}
