package dev.lodedb.sql.function;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.parser.KeywordCategory;
import dev.lodedb.sql.parser.Keywords;
import java.util.List;

/**
 * PostgreSQL's {@code format()}, {@code quote_ident()} and {@code quote_literal()} ({@code
 * varlena.c} {@code text_format}, {@code ruleutils.c} {@code quote_identifier}, {@code quote.c}).
 * Stateless and thread-safe.
 */
final class Format {
    private Format() {
    }

    /**
     * @return {@code s} as an SQL identifier: unchanged if it is a lower-case name ({@code
     *     [a-z_][a-z0-9_$]*}) that is not a reserved, column-name or type/function-name keyword,
     *     else double-quoted with inner quotes doubled
     */
    static String quoteIdent(String s) {
        boolean safe = !s.isEmpty() && (s.charAt(0) >= 'a' && s.charAt(0) <= 'z'
                || s.charAt(0) == '_');
        for (int i = 0; i < s.length() && safe; i++) {
            char c = s.charAt(i);
            safe = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        if (safe) {
            KeywordCategory k = Keywords.category(s);
            safe = k == null || k == KeywordCategory.UNRESERVED;
        }
        return safe ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** @return {@code s} as a string literal; with backslashes as an {@code E'...'} literal */
    static String quoteLiteral(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        if (s.indexOf('\\') >= 0) {
            sb.append('E');
        }
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    private static RuntimeException bad(String message) {
        return Errors.invalidParameter(message);
    }

    /**
     * PostgreSQL's {@code format(formatstr, VARIADIC args)}: {@code %[n$][-][width]type} with
     * types {@code s} (text output, NULL as empty), {@code I} (identifier; NULL is 22004), {@code L}
     * (literal, NULL as {@code NULL}) and {@code %%}; the width may be {@code *} or {@code *n$}.
     *
     * @param types the resolved parameter types, {@code types.get(0)} being the format's
     * @param args the format string followed by the arguments
     * @throws dev.lodedb.engine.SqlException 22023 for a malformed format or too few arguments
     */
    static String format(String fmt, List<DataType> types, Object[] args) {
        StringBuilder sb = new StringBuilder();
        int next = 1;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i >= n) {
                throw bad("unterminated format() type specifier");
            }
            if (fmt.charAt(i) == '%') {
                sb.append('%');
                i++;
                continue;
            }
            // argument position
            int argPos = -1;
            int j = i;
            int num = 0;
            while (j < n && Character.isDigit(fmt.charAt(j))) {
                num = num * 10 + (fmt.charAt(j) - '0');
                j++;
            }
            if (j > i && j < n && fmt.charAt(j) == '$') {
                if (num == 0) {
                    throw bad("format specifies argument 0, but arguments are numbered from 1");
                }
                argPos = num;
                i = j + 1;
            }
            boolean minus = false;
            while (i < n && fmt.charAt(i) == '-') {
                minus = true;
                i++;
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                i++;
                int wpos = next;
                int k = i;
                int wn = 0;
                while (k < n && Character.isDigit(fmt.charAt(k))) {
                    wn = wn * 10 + (fmt.charAt(k) - '0');
                    k++;
                }
                if (k > i && k < n && fmt.charAt(k) == '$') {
                    wpos = wn;
                    i = k + 1;
                } else {
                    next++;
                }
                if (wpos >= args.length) {
                    throw bad("too few arguments for format()");
                }
                Object w = args[wpos];
                width = w == null ? 0 : ((Number) w).intValue();
                if (width < 0) {
                    minus = true;
                    width = -width;
                }
            } else {
                int w = 0;
                int k = i;
                while (k < n && Character.isDigit(fmt.charAt(k))) {
                    w = w * 10 + (fmt.charAt(k) - '0');
                    k++;
                }
                if (k > i) {
                    width = w;
                    i = k;
                }
            }
            if (i >= n) {
                throw bad("unterminated format() type specifier");
            }
            char type = fmt.charAt(i++);
            if (type != 's' && type != 'I' && type != 'L') {
                throw bad("unrecognized format() type specifier \"" + type + "\"");
            }
            int pos = argPos > 0 ? argPos : next;
            next = pos + 1;
            if (pos >= args.length) {
                throw bad("too few arguments for format()");
            }
            Object v = args[pos];
            String text;
            if (type == 's') {
                text = v == null ? "" : Text.out(types.get(pos), v);
            } else if (type == 'I') {
                if (v == null) {
                    throw Errors.error(Errors.NULL_VALUE_NOT_ALLOWED,
                            "null values cannot be formatted as an SQL identifier");
                }
                text = quoteIdent(Text.out(types.get(pos), v));
            } else {
                text = v == null ? "NULL" : quoteLiteral(Text.out(types.get(pos), v));
            }
            int pad = width - Text.length(text);
            if (pad > 0 && !minus) {
                sb.append(" ".repeat(pad));
            }
            sb.append(text);
            if (pad > 0 && minus) {
                sb.append(" ".repeat(pad));
            }
        }
        return sb.toString();
    }
}
