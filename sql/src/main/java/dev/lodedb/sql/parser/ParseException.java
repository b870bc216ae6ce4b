package dev.lodedb.sql.parser;

/**
 * SQL text that cannot be turned into a statement: a syntax error (SQLSTATE {@value #SYNTAX_ERROR}),
 * valid PostgreSQL syntax that LodeDB does not support ({@value #FEATURE_NOT_SUPPORTED}), nesting
 * too deep to parse ({@value #STATEMENT_TOO_COMPLEX}) or a malformed constant in the text (for
 * example {@value #CHARACTER_NOT_IN_REPERTOIRE} for an escape that encodes an invalid character).
 *
 * <p>The message follows PostgreSQL's shape, e.g. {@code syntax error at or near "FORM"} or
 * {@code syntax error at end of input}; {@link #render(String)} adds the psql-style line with a
 * caret. The exception carries no stack trace: it reports the user's input, not a fault in
 * LodeDB, and it is cheap enough for the parser to use while trying alternatives.
 *
 * <p>Thread-safe (immutable).
 */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** SQLSTATE syntax_error. */
    public static final String SYNTAX_ERROR = "42601";
    /** SQLSTATE feature_not_supported. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** SQLSTATE statement_too_complex (PostgreSQL's "stack depth limit exceeded"). */
    public static final String STATEMENT_TOO_COMPLEX = "54001";
    /** SQLSTATE character_not_in_repertoire (an escape that decodes to invalid UTF-8 or NUL). */
    public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    /** psql's width for the quoted source line ({@code DISPLAY_SIZE} in libpq). */
    private static final int DISPLAY_SIZE = 60;
    /** psql keeps at least this many chars right of the caret ({@code MIN_RIGHT_CUT}). */
    private static final int MIN_RIGHT_CUT = 10;

    /** The SQLSTATE. */
    private final String sqlState;
    /** 0-based offset in the source text, or -1. */
    private final int position;
    /** 1-based line, or 0. */
    private final int line;
    /** 1-based column, or 0. */
    private final int column;

    /**
     * @param sqlState the five-character SQLSTATE
     * @param message PostgreSQL-style message without position
     * @param position 0-based offset of the error in the source text, or -1 when unknown
     * @param line 1-based line of {@code position}, or 0 when unknown
     * @param column 1-based column of {@code position}, or 0 when unknown
     */
    public ParseException(String sqlState, String message, int position, int line, int column) {
        super(message, null, false, false);
        this.sqlState = sqlState;
        this.position = position;
        this.line = line;
        this.column = column;
    }

    /**
     * Creates an exception located at {@code offset} in {@code sql}.
     *
     * @param sql the source text
     * @param sqlState the SQLSTATE
     * @param message the message
     * @param offset 0-based offset in {@code sql}
     * @return the exception (not thrown)
     */
    public static ParseException at(String sql, String sqlState, String message, int offset) {
        SourcePosition p = SourcePosition.of(sql, offset);
        return new ParseException(sqlState, message, p.offset(), p.line(), p.column());
    }

    /** @return the SQLSTATE, e.g. {@value #SYNTAX_ERROR} */
    public String sqlState() {
        return sqlState;
    }

    /** @return the 0-based offset of the error in the source text, or -1 when unknown */
    public int position() {
        return position;
    }

    /** @return the 1-based line of the error, or 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column of the error, or 0 when unknown */
    public int column() {
        return column;
    }

    /**
     * Renders the offending line and a caret under the error as psql does, for example
     * <pre>
     * LINE 1: SELECT * FORM t
     *                  ^
     * </pre>
     * Tabs become spaces and a line longer than 60 characters is cut around the caret with
     * {@code ...}, following libpq's {@code reportErrorPosition}.
     *
     * @param sql the text that was parsed (the one {@link #position()} refers to)
     * @return the two lines joined by {@code \n}, or the empty string when the position is unknown
     */
    public String render(String sql) {
        if (position < 0 || sql == null) {
            return "";
        }
        int pos = Math.min(position, sql.length());
        int lineStart = sql.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = sql.indexOf('\n', pos);
        if (lineEnd < 0) {
            lineEnd = sql.length();
        }
        if (lineEnd > lineStart && sql.charAt(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        int begin = lineStart;
        int end = Math.max(lineEnd, pos);
        boolean cutLeft = false;
        boolean cutRight = false;
        if (end - begin > DISPLAY_SIZE) {
            if (pos - begin + MIN_RIGHT_CUT <= DISPLAY_SIZE) {
                end = begin + DISPLAY_SIZE;
                cutRight = true;
            } else {
                if (pos + MIN_RIGHT_CUT < end) {
                    end = pos + MIN_RIGHT_CUT;
                    cutRight = true;
                }
                if (end - begin > DISPLAY_SIZE) {
                    begin = end - DISPLAY_SIZE;
                    cutLeft = true;
                }
            }
        }
        String prefix = "LINE " + SourcePosition.of(sql, pos).line() + ": ";
        StringBuilder out = new StringBuilder(prefix);
        if (cutLeft) {
            out.append("...");
        }
        for (int i = begin; i < Math.min(end, sql.length()); i++) {
            char c = sql.charAt(i);
            out.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
        }
        if (cutRight) {
            out.append("...");
        }
        out.append('\n');
        int indent = prefix.length() + (cutLeft ? 3 : 0) + (pos - begin);
        out.append(" ".repeat(indent)).append('^');
        return out.toString();
    }

    @Override
    public String toString() {
        return "ParseException[" + sqlState + "] " + getMessage()
                + (position >= 0 ? " (line " + line + ", column " + column + ")" : "");
    }
}
