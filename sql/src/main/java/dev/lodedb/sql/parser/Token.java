package dev.lodedb.sql.parser;

/**
 * One lexical token of SQL text.
 *
 * <p>Thread-safe (immutable).
 *
 * @param type the token kind
 * @param text the token's value as described on {@link TokenType}: a case-folded name, a decoded
 *     string, the digits of a number or the operator text
 * @param start 0-based offset (char index) of the token's first character in the source text
 * @param end 0-based offset just past the token's last character
 */
public record Token(TokenType type, String text, int start, int end) {

    /**
     * @param keyword a keyword in lower case
     * @return whether this token is that unquoted keyword
     */
    public boolean isKeyword(String keyword) {
        return type == TokenType.KEYWORD && text.equals(keyword);
    }

    /**
     * @param operator an operator's text
     * @return whether this token is that operator
     */
    public boolean isOperator(String operator) {
        return type == TokenType.OPERATOR && text.equals(operator);
    }

    /**
     * @param sql the text this token was read from
     * @return the token exactly as written in {@code sql}
     */
    public String source(String sql) {
        return sql.substring(start, end);
    }
}
