package dev.lodedb.cli;

import dev.lodedb.Column;
import java.io.PrintStream;
import java.util.List;

/**
 * CSV as RFC 4180 and PostgreSQL's {@code COPY ... (FORMAT csv, HEADER)} write it: a header line,
 * fields separated by commas, a field quoted with {@code "} (inner quotes doubled) when it holds a
 * comma, a quote, a line break, or is empty; NULL is an empty unquoted field, so it differs from an
 * empty string ({@code ""}). Lines end with {@code \n}. Streams rows; not thread-safe.
 */
final class CsvWriter implements ResultWriter {
    private final PrintStream out;
    private List<Column> columns;

    /** @param out where the CSV goes */
    CsvWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void begin(String title, List<Column> columns) {
        this.columns = columns;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(columns.get(i).name(), sb);
        }
        out.print(sb.append('\n'));
    }

    @Override
    public void row(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = Cells.text(columns.get(i).type(), values[i]);
            if (s != null) {
                quote(s, sb);
            }
        }
        out.print(sb.append('\n'));
    }

    @Override
    public void end(long rowCount, List<String> footers) {
        out.flush();
    }

    /** Appends {@code s} as one CSV field, quoted when needed. */
    static void quote(String s, StringBuilder sb) {
        boolean needs = s.isEmpty();
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!needs) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
