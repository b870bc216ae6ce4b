package dev.lodedb.sql.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a psql script into SQL statements the way psql sends them: at {@code ;} outside
 * parentheses, quotes, dollar quotes and comments. psql meta-commands ({@code \set}, {@code \pset},
 * {@code \gset}, ...) end the current statement and are dropped; variables defined by
 * {@code \set} or {@code \getenv} are substituted ({@code :'v'} as a string, {@code :v} as text);
 * the data lines after {@code COPY ... FROM STDIN} are skipped up to {@code \.} and kept with
 * the statement.
 *
 * <p>Used by the parser's conformance test and by the PostgreSQL regression runner
 * ({@code dev.lodedb.sql.regress.PgRegressRunner}), which aligns statements with psql's echoed
 * output by their line numbers.
 */
public final class PsqlScript {

    /**
     * One statement.
     *
     * @param line the 1-based line it starts on
     * @param endLine the 1-based line psql sends it on: the line of its terminating {@code ;} or
     *     of the {@code \g}-style meta-command that ends it
     * @param sql the statement text (comments before it dropped)
     * @param copyData for {@code COPY ... FROM STDIN}: the data lines before {@code \.}; else empty
     * @param copyDataEndLine the line of the {@code \.} that ends the data, or 0
     */
    public record Statement(int line, int endLine, String sql, List<String> copyData, int copyDataEndLine) {
        /** Creates a statement. */
        public Statement {
            copyData = List.copyOf(copyData);
        }
    }

    private PsqlScript() {
    }

    /**
     * Splits a script.
     *
     * @param text the script
     * @return its statements in order
     */
    public static List<Statement> statements(String text) {
        List<Statement> out = new ArrayList<>();
        Set<String> variables = new HashSet<>();
        StringBuilder buffer = new StringBuilder();
        int line = 1;
        int startLine = 1;
        int depth = 0;
        boolean blank = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (blank && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '\\') {
                int eol = text.indexOf('\n', i);
                if (eol < 0) {
                    eol = n;
                }
                String command = text.substring(i, eol).strip();
                String[] words = command.split("\\s+");
                if ((words[0].equals("\\set") || words[0].equals("\\getenv")) && words.length > 1) {
                    variables.add(words[1]);
                }
                if (!blank && (words[0].startsWith("\\g") || words[0].equals("\\crosstabview"))) {
                    emit(out, buffer, startLine, line);
                    blank = true;
                }
                i = eol;
                continue;
            }
            if (c == '\n') {
                line++;
                buffer.append(c);
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                blank = false;
                int end = skipBlockComment(text, i);
                line += count(text, i, end);
                buffer.append(text, i, end);
                i = end;
                continue;
            }
            if (!Character.isWhitespace(c) && c != '\\') {
                blank = false;
            }
            if (c == '\'' || c == '"') {
                boolean escapes = c == '\'' && i > 0 && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
                        && (i < 2 || !Character.isLetterOrDigit(text.charAt(i - 2)));
                int end = skipQuoted(text, i, c, escapes);
                line += count(text, i, end);
                buffer.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '$') {
                int end = skipDollar(text, i);
                if (end > i) {
                    line += count(text, i, end);
                    buffer.append(text, i, end);
                    i = end;
                    continue;
                }
            }
            if (c == ':' && i + 1 < n && text.charAt(i + 1) != ':' && (i == 0 || text.charAt(i - 1) != ':')) {
                int consumed = substitute(text, i, variables, buffer);
                if (consumed > 0) {
                    i += consumed;
                    continue;
                }
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && depth == 0) {
                String sql = emit(out, buffer, startLine, line);
                blank = true;
                i++;
                if (sql != null && isCopyFromStdin(sql)) {
                    int dataEnd = text.indexOf("\n\\.", i);
                    if (dataEnd >= 0) {
                        int eol = text.indexOf('\n', dataEnd + 1);
                        eol = eol < 0 ? n : eol;
                        int dataStart = text.indexOf('\n', i);
                        List<String> data = dataStart < 0 || dataStart >= dataEnd ? List.of()
                                : List.of(text.substring(dataStart + 1, dataEnd).split("\n", -1));
                        line += count(text, i, eol);
                        out.set(out.size() - 1, new Statement(startLine, out.get(out.size() - 1).endLine(), sql,
                                data, line));
                        i = eol;
                    }
                }
                continue;
            }
            buffer.append(c);
            i++;
        }
        emit(out, buffer, startLine, line);
        return out;
    }

    private static String emit(List<Statement> out, StringBuilder buffer, int line, int endLine) {
        String sql = buffer.toString().strip();
        buffer.setLength(0);
        if (sql.isEmpty()) {
            return null;
        }
        out.add(new Statement(line, endLine, sql, List.of(), 0));
        return sql;
    }

    private static boolean isCopyFromStdin(String sql) {
        String upper = sql.toUpperCase();
        return upper.startsWith("COPY") && upper.contains("FROM STDIN");
    }

    private static int substitute(String text, int i, Set<String> variables, StringBuilder buffer) {
        boolean quoted = i + 1 < text.length() && text.charAt(i + 1) == '\'';
        int start = quoted ? i + 2 : i + 1;
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        String name = text.substring(start, end);
        if (!variables.contains(name)) {
            return 0;
        }
        if (quoted) {
            if (end >= text.length() || text.charAt(end) != '\'') {
                return 0;
            }
            end++;
            buffer.append("'psql_var_").append(name).append('\'');
        } else {
            buffer.append("psql_var_").append(name);
        }
        return end - i;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (text.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static int skipBlockComment(String text, int i) {
        int depth = 0;
        int k = i;
        while (k < text.length()) {
            if (text.startsWith("/*", k)) {
                depth++;
                k += 2;
            } else if (text.startsWith("*/", k)) {
                depth--;
                k += 2;
                if (depth == 0) {
                    return k;
                }
            } else {
                k++;
            }
        }
        return text.length();
    }

    private static int skipQuoted(String text, int i, char quote, boolean escapes) {
        int k = i + 1;
        while (k < text.length()) {
            char c = text.charAt(k);
            if (escapes && c == '\\') {
                k += 2;
            } else if (c == quote) {
                if (k + 1 < text.length() && text.charAt(k + 1) == quote) {
                    k += 2;
                } else {
                    return k + 1;
                }
            } else {
                k++;
            }
        }
        return text.length();
    }

    private static int skipDollar(String text, int i) {
        int k = i + 1;
        while (k < text.length() && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
            if (k == i + 1 && Character.isDigit(text.charAt(k))) {
                return i;
            }
            k++;
        }
        if (k >= text.length() || text.charAt(k) != '$') {
            return i;
        }
        String tag = text.substring(i, k + 1);
        int close = text.indexOf(tag, k + 1);
        return close < 0 ? text.length() : close + tag.length();
    }
}
