package dev.lodedb.sql.parser;

import java.util.List;

/**
 * The parser's view of a token list: a position, one statement's range, backtracking marks, the
 * recursion-depth guard and error construction.
 *
 * <p>The range ends at a statement terminator: {@link #peek()} never moves past index
 * {@code limit}, whose token is the {@code ;} or EOF that ends the statement, so a parser running
 * into it reports {@code syntax error at or near ";"} or {@code at end of input}, as PostgreSQL
 * does.
 *
 * <p>Not thread-safe: one cursor serves one parse.
 */
final class TokenCursor {

    /**
     * Maximum nesting of expressions and subqueries. Each level costs a handful of stack frames;
     * the bound keeps a parse far inside a default 512 KiB-1 MiB thread stack.
     */
    static final int MAX_DEPTH = 300;

    private final String sql;
    private final List<Token> tokens;
    private int pos;
    private int limit;
    private int depth;
    private ParseException furthestFailure;

    TokenCursor(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
        this.limit = tokens.size() - 1;
    }

    String sql() {
        return sql;
    }

    /** Restricts the cursor to tokens {@code [start, limit)}; the token at {@code limit} ends the range. */
    void range(int start, int limit) {
        this.pos = start;
        this.limit = limit;
        this.furthestFailure = null;
        this.depth = 0;
    }

    Token peek() {
        return tokens.get(Math.min(pos, limit));
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, limit));
    }

    Token next() {
        Token t = tokens.get(Math.min(pos, limit));
        if (pos < limit) {
            pos++;
        }
        return t;
    }

    /** @return the last consumed token (or the first token when none was consumed) */
    Token previous() {
        return tokens.get(Math.max(0, pos - 1));
    }

    boolean atEnd() {
        return pos >= limit;
    }

    int index() {
        return pos;
    }

    int mark() {
        return pos;
    }

    void reset(int mark) {
        pos = mark;
    }

    /** Enters one level of nesting; fails with SQLSTATE 54001 beyond {@link #MAX_DEPTH}. */
    void enter() {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw ParseException.at(sql, ParseException.STATEMENT_TOO_COMPLEX,
                    "stack depth limit exceeded: expression or query nested more than " + MAX_DEPTH
                            + " levels deep", peek().start());
        }
    }

    void exit() {
        depth--;
    }

    /** Remembers the failure of an abandoned alternative, keeping the one that got furthest. */
    void recordFailure(ParseException e) {
        if (furthestFailure == null || e.position() > furthestFailure.position()) {
            furthestFailure = e;
        }
    }

    /** @return {@code e}, or a recorded failure of an abandoned alternative that got further */
    ParseException furthest(ParseException e) {
        if (furthestFailure != null && ParseException.SYNTAX_ERROR.equals(e.sqlState())
                && furthestFailure.position() > e.position()) {
            return furthestFailure;
        }
        return e;
    }

    /** @return {@code syntax error at or near "..."} (or {@code at end of input}) at the current token */
    ParseException syntaxError() {
        return syntaxErrorAt(peek());
    }

    ParseException syntaxErrorAt(Token t) {
        if (t.type() == TokenType.EOF) {
            return ParseException.at(sql, ParseException.SYNTAX_ERROR, "syntax error at end of input", t.start());
        }
        return ParseException.at(sql, ParseException.SYNTAX_ERROR,
                "syntax error at or near \"" + t.source(sql) + "\"", t.start());
    }

    /** @return a feature_not_supported error positioned at {@code t} */
    ParseException unsupported(Token t, String message) {
        return ParseException.at(sql, ParseException.FEATURE_NOT_SUPPORTED, message, t.start());
    }
}
