package dev.lodedb.cli;

import dev.lodedb.engine.SqlException;
import org.jline.utils.WCWidth;

/**
 * Formats a {@link SqlException} the way psql prints a server error (with
 * {@code \set VERBOSITY verbose}'s SQLSTATE in the first line):
 *
 * <pre>
 * ERROR:  42601: syntax error at or near "FORM"
 * LINE 1: SELECT * FORM t;
 *                  ^
 * DETAIL:  ...
 * HINT:  ...
 * </pre>
 *
 * The {@code LINE n:} block appears when the error has a position: the statement line that holds
 * it (cut to about 60 columns around the position, with {@code ...}, when longer) and a caret
 * under the position. Stateless and thread-safe.
 */
final class ErrorReport {
    /** Columns of statement text shown around the error position (psql's DISPLAY_SIZE). */
    private static final int DISPLAY_SIZE = 60;
    /** Columns kept visible after the caret when a long line is cut (psql's MIN_RIGHT_CUT). */
    private static final int MIN_RIGHT_CUT = 10;

    private ErrorReport() {
    }

    /**
     * @param e the error
     * @param statement the statement text its {@link SqlException#position()} counts in, or
     *     {@code null} when unknown (no {@code LINE} block then)
     * @param prefix text before {@code ERROR:} (psql's {@code file:line: } in scripts), or empty
     * @return the report, lines separated and ended by {@code \n}
     */
    static String format(SqlException e, String statement, String prefix) {
        StringBuilder sb = new StringBuilder();
        sb.append(prefix).append("ERROR:  ").append(e.sqlState()).append(": ").append(e.getMessage()).append('\n');
        if (statement != null && e.position() > 0) {
            sb.append(positionBlock(statement, e.position()));
        }
        if (e.detail() != null) {
            sb.append("DETAIL:  ").append(e.detail()).append('\n');
        }
        if (e.hint() != null) {
            sb.append("HINT:  ").append(e.hint()).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param statement the statement text
     * @param position 1-based character offset into it (one past the end: at the end of input)
     * @return {@code LINE n: <text>\n<caret line>\n}
     */
    static String positionBlock(String statement, int position) {
        int offset = Math.min(position - 1, statement.length());
        int lineNo = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (statement.charAt(i) == '\n') {
                lineNo++;
                lineStart = i + 1;
            }
        }
        int lineEnd = statement.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = statement.length();
        }
        if (lineEnd > lineStart && statement.charAt(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        String text = statement.substring(lineStart, lineEnd).replace('\t', ' ');
        int caret = Math.min(offset - lineStart, text.length());
        // Cut a long line to a window that keeps the caret and some text after it.
        int width = width(text, 0, text.length());
        String shown = text;
        int caretColumn = width(text, 0, caret);
        boolean cutLeft = false;
        boolean cutRight = false;
        if (width > DISPLAY_SIZE) {
            int end = Math.min(text.length(), Math.max(caret + MIN_RIGHT_CUT, 0));
            int endCol = width(text, 0, end);
            if (endCol < DISPLAY_SIZE) {
                end = columnToIndex(text, DISPLAY_SIZE);
                endCol = width(text, 0, end);
            }
            int begin = columnToIndex(text, Math.max(0, endCol - DISPLAY_SIZE));
            cutLeft = begin > 0;
            cutRight = end < text.length();
            shown = text.substring(begin, end);
            caretColumn = width(text, begin, caret);
        }
        String head = "LINE " + lineNo + ": " + (cutLeft ? "..." : "");
        StringBuilder sb = new StringBuilder(head).append(shown).append(cutRight ? "..." : "").append('\n');
        sb.append(" ".repeat(head.length() + caretColumn)).append("^\n");
        return sb.toString();
    }

    private static int width(String s, int from, int to) {
        int w = 0;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }

    /** @return the index of the first character at or after display column {@code column} */
    private static int columnToIndex(String s, int column) {
        int w = 0;
        int i = 0;
        while (i < s.length() && w < column) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * Formats an error that is not a {@link SqlException}: one line, no stack trace.
     *
     * @return {@code ERROR:  <message>\n} (the exception's class name when it has no message)
     */
    static String unexpected(Throwable t, String prefix) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return prefix + "ERROR:  " + message + "\n";
    }
}
