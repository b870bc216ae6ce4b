package dev.lodedb.cli;

import dev.lodedb.Column;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table, padded so it also reads well as plain text:
 *
 * <pre>
 * | id | name |
 * |---:|------|
 * |  1 | tea  |
 * </pre>
 *
 * Numbers are right-aligned ({@code ---:}); {@code |} in a value is written {@code \|}, a line
 * break {@code <br>}. No footer. Keeps rows until {@link #end}; not thread-safe.
 */
final class MarkdownWriter implements ResultWriter {
    private final PrintStream out;
    private final String nullString;
    private List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param out where the table goes
     * @param nullString how NULL is shown
     */
    MarkdownWriter(PrintStream out, String nullString) {
        this.out = out;
        this.nullString = nullString;
    }

    @Override
    public void begin(String title, List<Column> columns) {
        this.columns = columns;
    }

    @Override
    public void row(Object[] values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String s = Cells.text(columns.get(i).type(), values[i]);
            cells[i] = escape(s == null ? nullString : s);
        }
        rows.add(cells);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
                .replace("\r", "<br>");
    }

    @Override
    public void end(long rowCount, List<String> footers) {
        int n = columns.size();
        int[] widths = new int[n];
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = escape(columns.get(i).name());
            widths[i] = Math.max(3, Cells.width(header[i]));
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                widths[i] = Math.max(widths[i], Cells.width(r[i]));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, widths, false);
        sb.append('|');
        for (int i = 0; i < n; i++) {
            boolean right = Cells.isNumeric(columns.get(i).type());
            sb.append(right ? "-".repeat(widths[i] + 1) + ":" : "-".repeat(widths[i] + 2)).append('|');
        }
        sb.append('\n');
        for (String[] r : rows) {
            line(sb, r, widths, true);
        }
        out.print(sb);
        out.flush();
    }

    private void line(StringBuilder sb, String[] cells, int[] widths, boolean data) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            boolean right = data && Cells.isNumeric(columns.get(i).type());
            sb.append(' ').append(right ? Cells.padLeft(cells[i], widths[i]) : Cells.padRight(cells[i], widths[i]))
                    .append(" |");
        }
        sb.append('\n');
    }
}
