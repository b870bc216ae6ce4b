package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of one-dimensional {@code text[]} values ({@code '{a,"b c",NULL}'}), PostgreSQL's
 * {@code array_in}/{@code array_out} syntax (documentation section 8.15.6). LodeDB has no array
 * type yet, so functions that take or return {@code text[]} in PostgreSQL ({@code #>}, {@code
 * ?|}, {@code ?&}, {@code jsonb_set}, {@code regexp_match}) use this text form instead.
 * Stateless and thread-safe.
 */
public final class ArrayText {
    private ArrayText() {
    }

    private static SqlException malformed(String text, String detail) {
        return new SqlException(SqlException.INVALID_TEXT_REPRESENTATION,
                "malformed array literal: \"" + text + "\"", detail, null, 0, null);
    }

    /**
     * @param text an array literal such as {@code {a,b,1}}
     * @return its elements; {@code null} for an unquoted {@code NULL}
     * @throws SqlException 22P02 {@code malformed array literal} for anything else (including
     *     multidimensional arrays)
     */
    static List<String> parse(String text) {
        String s = text.strip();
        if (!s.startsWith("{")) {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        if (!s.endsWith("}")) {
            throw malformed(text, "Unexpected end of input.");
        }
        List<String> out = new ArrayList<>();
        String body = s.substring(1, s.length() - 1);
        if (body.isBlank()) {
            return out;
        }
        int i = 0;
        int n = body.length();
        while (true) {
            while (i < n && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            StringBuilder e = new StringBuilder();
            boolean quoted = false;
            if (i < n && body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < n && body.charAt(i) != '"') {
                    char c = body.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        i++;
                        c = body.charAt(i);
                    }
                    e.append(c);
                    i++;
                }
                if (i >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                i++;
                while (i < n && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
            } else {
                while (i < n && body.charAt(i) != ',') {
                    char c = body.charAt(i);
                    if (c == '{' || c == '}' || c == '"') {
                        throw malformed(text, "Unexpected \"" + c + "\" character.");
                    }
                    if (c == '\\' && i + 1 < n) {
                        i++;
                        c = body.charAt(i);
                    }
                    e.append(c);
                    i++;
                }
                String v = e.toString().strip();
                e.setLength(0);
                e.append(v);
            }
            if (e.isEmpty() && !quoted) {
                throw malformed(text, "Unexpected \",\" character.");
            }
            String v = e.toString();
            out.add(!quoted && v.toLowerCase(Locale.ROOT).equals("null") ? null : v);
            if (i >= n) {
                return out;
            }
            if (body.charAt(i) != ',') {
                throw malformed(text, "Unexpected array element.");
            }
            i++;
        }
    }

    /** @return the text form of a one-dimensional array of element texts ({@code null}: NULL), as {@code array_out} writes it */
    public static String format(List<String> elements) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendElement(sb, elements.get(i));
        }
        return sb.append('}').toString();
    }

    /** Appends one element as {@code array_out} writes it: quoted when needed, NULL bare. */
    static void appendElement(StringBuilder sb, String e) {
        if (e == null) {
            sb.append("NULL");
            return;
        }
        boolean quote = e.isEmpty() || e.toLowerCase(Locale.ROOT).equals("null");
        for (int i = 0; i < e.length() && !quote; i++) {
            char c = e.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\'
                    || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b'
                    || c == '\f';
        }
        if (!quote) {
            sb.append(e);
            return;
        }
        sb.append('"');
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
