package dev.lodedb.sql.parser;

/**
 * Decodes the body of a Unicode-escape literal or identifier ({@code U&'...'}, {@code U&"..."}):
 * with escape character {@code e} (default {@code \}), {@code eXXXX} is a UTF-16 code unit (two
 * of them may form a surrogate pair), {@code e+XXXXXX} a code point and {@code ee} the escape
 * character itself.
 *
 * <p>Thread-safe (stateless).
 */
final class UnicodeEscapes {

    private UnicodeEscapes() {
    }

    /**
     * @param sql the whole source text (for error positions)
     * @param raw the literal's body with quote doubling already removed
     * @param escape the escape character
     * @param at offset of the literal, where errors are reported
     * @return the decoded text
     * @throws ParseException on a malformed escape
     */
    static String decode(String sql, String raw, char escape, int at) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && raw.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
                continue;
            }
            int width = 4;
            int from = i + 1;
            if (from < n && raw.charAt(from) == '+') {
                width = 6;
                from++;
            }
            int codePoint = hex(sql, raw, from, width, at);
            i = from + width;
            if (codePoint <= 0xFFFF && Character.isHighSurrogate((char) codePoint)) {
                int lowFrom = i + 1;
                int lowWidth = 4;
                if (lowFrom < n && raw.charAt(i) == escape && raw.charAt(lowFrom) == '+') {
                    lowFrom++;
                    lowWidth = 6;
                }
                if (i < n && raw.charAt(i) == escape) {
                    int low = hex(sql, raw, lowFrom, lowWidth, at);
                    if (low <= 0xFFFF && Character.isLowSurrogate((char) low)) {
                        out.appendCodePoint(Character.toCodePoint((char) codePoint, (char) low));
                        i = lowFrom + lowWidth;
                        continue;
                    }
                }
                throw ParseException.at(sql, ParseException.SYNTAX_ERROR, "invalid Unicode surrogate pair", at);
            }
            if (codePoint == 0 || codePoint > Character.MAX_CODE_POINT
                    || (codePoint <= 0xFFFF && Character.isLowSurrogate((char) codePoint))) {
                throw ParseException.at(sql, ParseException.SYNTAX_ERROR, "invalid Unicode escape value", at);
            }
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    private static int hex(String sql, String raw, int from, int width, int at) {
        if (from + width > raw.length()) {
            throw ParseException.at(sql, ParseException.SYNTAX_ERROR, "invalid Unicode escape", at);
        }
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char h = raw.charAt(i);
            if (!Lexer.isHexDigit(h)) {
                throw ParseException.at(sql, ParseException.SYNTAX_ERROR, "invalid Unicode escape", at);
            }
            value = value * 16 + Character.digit(h, 16);
        }
        return value;
    }
}
