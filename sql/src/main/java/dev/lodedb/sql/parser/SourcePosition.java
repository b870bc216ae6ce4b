package dev.lodedb.sql.parser;

/**
 * A place in SQL text as a person reads it.
 *
 * <p>Thread-safe (immutable).
 *
 * @param offset 0-based char index into the text
 * @param line 1-based line number (lines end at {@code \n})
 * @param column 1-based column: chars since the start of the line, plus one
 */
public record SourcePosition(int offset, int line, int column) {

    /**
     * Maps an offset to its line and column.
     *
     * @param sql the text
     * @param offset 0-based char index, clamped to {@code [0, sql.length()]}
     * @return the position of {@code offset} in {@code sql}
     */
    public static SourcePosition of(String sql, int offset) {
        int clamped = Math.max(0, Math.min(offset, sql.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < clamped; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(clamped, line, clamped - lineStart + 1);
    }
}
