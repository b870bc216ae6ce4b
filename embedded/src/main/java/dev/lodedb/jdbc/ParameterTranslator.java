package dev.lodedb.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites JDBC's {@code ?} parameter markers to PostgreSQL's {@code $1, $2, ...}, leaving every
 * {@code ?} alone that is not a marker: inside string constants ({@code '...'}, {@code E'...'}
 * with backslash escapes), quoted identifiers ({@code "..."}), line comments ({@code -- ...}),
 * block comments ({@code /* ... *}{@code /}, nested as in PostgreSQL) and dollar-quoted strings
 * ({@code $tag$ ... $tag$}). As in pgjdbc, {@code ??} outside those stands for a literal
 * {@code ?} (an operator character), so that operators containing {@code ?} can be written.
 *
 * <p>Also keeps the offsets of every replacement so that an error position in the rewritten text
 * can be reported as a position in the text the application wrote. Immutable and thread-safe.
 */
final class ParameterTranslator {
    private final String original;
    private final String translated;
    private final int parameterCount;
    /** Per replacement: start in the original, its length there, start in the translation, its length there. */
    private final int[][] replacements;

    private ParameterTranslator(String original, String translated, int parameterCount, int[][] replacements) {
        this.original = original;
        this.translated = translated;
        this.parameterCount = parameterCount;
        this.replacements = replacements;
    }

    /** @return the translation of {@code sql} */
    static ParameterTranslator translate(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        List<int[]> reps = new ArrayList<>();
        int n = sql.length();
        int params = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                end = skipQuoted(sql, i, '\'', backslashEscapes);
            } else if (c == '"') {
                end = skipQuoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = skipBlockComment(sql, i);
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                end = skipDollarQuote(sql, i);
            } else if (c == '?') {
                if (i + 1 < n && sql.charAt(i + 1) == '?') {
                    reps.add(new int[] {i, 2, out.length(), 1});
                    out.append('?');
                    i += 2;
                } else {
                    params++;
                    String marker = "$" + params;
                    reps.add(new int[] {i, 1, out.length(), marker.length()});
                    out.append(marker);
                    i++;
                }
                continue;
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new ParameterTranslator(sql, out.toString(), params, reps.toArray(new int[0][]));
    }

    /** @return the index after the closing quote (or the end of the text if unterminated) */
    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipBlockComment(String sql, int start) {
        int n = sql.length();
        int depth = 1;
        int i = start + 2;
        while (i < n && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }

    /** {@code $tag$...$tag$} (tag empty or an identifier not starting with a digit); else just the {@code $}. */
    private static int skipDollarQuote(String sql, int start) {
        int n = sql.length();
        int i = start + 1;
        if (i < n && Character.isDigit(sql.charAt(i))) {
            return i; // $1: a positional parameter written by the application
        }
        while (i < n && sql.charAt(i) != '$') {
            char c = sql.charAt(i);
            if (!isIdentifierPart(c)) {
                return start + 1;
            }
            i++;
        }
        if (i >= n) {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? n : close + tag.length();
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    /** @return the SQL with {@code $n} markers */
    String sql() {
        return translated;
    }

    /** @return the SQL as the application wrote it */
    String originalSql() {
        return original;
    }

    /** @return the number of {@code ?} markers replaced */
    int parameterCount() {
        return parameterCount;
    }

    /**
     * @param position a 1-based character position in {@link #sql()}
     * @return the matching 1-based position in {@link #originalSql()}
     */
    int originalPosition(int position) {
        int x = position - 1;
        int shift = 0;
        for (int[] r : replacements) {
            int origStart = r[0];
            int origLen = r[1];
            int transStart = r[2];
            int transLen = r[3];
            if (x < transStart) {
                break;
            }
            if (x < transStart + transLen) {
                return origStart + 1;
            }
            shift = (origStart + origLen) - (transStart + transLen);
        }
        return x + shift + 1;
    }
}
