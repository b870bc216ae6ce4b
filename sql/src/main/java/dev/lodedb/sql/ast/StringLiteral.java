package dev.lodedb.sql.ast;

/**
 * A string constant (any quoting style), e.g. {@code 'abc'}, {@code E'a\n'}, {@code $$x$$}.
 *
 * @param value the decoded value
 * @param position offset of the literal
 */
public record StringLiteral(String value, int position) implements Expr {
}
