package dev.lodedb.sql.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One statement's expected output in a PostgreSQL regression {@code .out} file, as printed by
 * {@code psql -X -a -q}: nothing (command tags are not printed), an aligned result table (header
 * line, dashes line, rows, {@code (N rows)} footer, blank line), or an error ({@code ERROR:  message}
 * with optional {@code LINE n:}, caret, {@code DETAIL:}, {@code HINT:} lines). Notices and
 * warnings before either are kept as messages but do not change the kind.
 *
 * @param kind what the statement printed
 * @param columns the column names of a table
 * @param rows the rows of a table, each cell trimmed (multi-line cells joined with {@code \n})
 * @param error the message of an {@code ERROR:}
 * @param text the lines of the block as printed
 * @param next the index of the first line after the block
 */
record ExpectedOutput(Kind kind, List<String> columns, List<List<String>> rows, String error, List<String> text,
        int next) {

    /** What a statement printed. */
    enum Kind {
        /** No output (or only notices). */
        NONE,
        /** An aligned result table. */
        TABLE,
        /** An {@code ERROR:}. */
        ERROR
    }

    private static final Pattern MESSAGE = Pattern.compile(
            "^(ERROR|NOTICE|WARNING|INFO|DETAIL|HINT|CONTEXT|QUERY|STATEMENT|LINE \\d+|PL/pgSQL function .*):.*");
    private static final Pattern DASHES = Pattern.compile("^-+(\\+-+)*$");
    private static final Pattern FOOTER = Pattern.compile("^\\((\\d+) rows?\\)$");

    /**
     * Reads the block that starts at {@code start}.
     *
     * @param out the lines of the {@code .out} file
     * @param start the index of the line after the statement's echo
     * @param nextEcho the next script line psql echoes (a line equal to it is not output), or null
     * @return the block; {@code next} is {@code start} when the statement printed nothing
     */
    static ExpectedOutput parse(List<String> out, int start, String nextEcho) {
        int o = start;
        String error = null;
        List<String> text = new ArrayList<>();
        while (o < out.size() && MESSAGE.matcher(out.get(o)).matches()) {
            String line = out.get(o);
            text.add(line);
            if (line.startsWith("ERROR:") && error == null) {
                error = line.substring("ERROR:".length()).strip();
            }
            o++;
            if (line.startsWith("LINE ") && o < out.size() && out.get(o).strip().equals("^")) {
                text.add(out.get(o));
                o++;
            }
        }
        if (error != null) {
            return new ExpectedOutput(Kind.ERROR, List.of(), List.of(), error, text, o);
        }
        if (o + 1 < out.size() && DASHES.matcher(out.get(o + 1)).matches()
                && (nextEcho == null || !out.get(o).stripTrailing().equals(nextEcho.stripTrailing()))) {
            return table(out, o, text);
        }
        return new ExpectedOutput(Kind.NONE, List.of(), List.of(), null, text, o);
    }

    private static ExpectedOutput table(List<String> out, int o, List<String> text) {
        String header = out.get(o);
        String dashes = out.get(o + 1);
        text.add(header);
        text.add(dashes);
        List<int[]> segments = new ArrayList<>();
        int from = 0;
        for (int k = 0; k <= dashes.length(); k++) {
            if (k == dashes.length() || dashes.charAt(k) == '+') {
                segments.add(new int[] {from, k});
                from = k + 1;
            }
        }
        List<String> columns = new ArrayList<>();
        if (!dashes.equals("--") || !header.isBlank()) {
            for (int[] s : segments) {
                columns.add(cell(header, s).strip());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        o += 2;
        List<StringBuilder> pending = null;
        while (o < out.size() && !FOOTER.matcher(out.get(o)).matches()) {
            String line = out.get(o);
            text.add(line);
            o++;
            boolean continues = false;
            if (pending == null) {
                pending = new ArrayList<>();
                for (int i = 0; i < segments.size(); i++) {
                    pending.add(null);
                }
            }
            for (int i = 0; i < segments.size(); i++) {
                int[] s = segments.get(i);
                String c = cell(line, s);
                boolean wraps = s[1] - 1 < line.length() && s[1] - 1 > s[0] && line.charAt(s[1] - 1) == '+'
                        && c.length() == s[1] - s[0];
                String content = wraps ? c.substring(0, c.length() - 1) : c;
                content = content.length() > 0 && content.charAt(0) == ' ' ? content.substring(1) : content;
                if (pending.get(i) == null) {
                    pending.set(i, new StringBuilder(content.stripTrailing()));
                } else if (pending.get(i).length() > 0 && pending.get(i).charAt(pending.get(i).length() - 1) == '\n') {
                    pending.get(i).append(content.stripTrailing());
                }
                if (wraps) {
                    pending.get(i).append('\n');
                    continues = true;
                }
            }
            if (!continues) {
                List<String> row = new ArrayList<>();
                if (!columns.isEmpty()) {
                    for (StringBuilder sb : pending) {
                        row.add(sb.toString().strip());
                    }
                }
                rows.add(row);
                pending = null;
            }
        }
        if (o < out.size()) {
            text.add(out.get(o));
            o++;
        }
        if (o < out.size() && out.get(o).isEmpty()) {
            o++;
        }
        return new ExpectedOutput(Kind.TABLE, columns, rows, null, text, o);
    }

    private static String cell(String line, int[] segment) {
        if (segment[0] >= line.length()) {
            return "";
        }
        return line.substring(segment[0], Math.min(segment[1], line.length()));
    }
}
