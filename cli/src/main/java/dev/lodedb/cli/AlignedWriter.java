package dev.lodedb.cli;

import dev.lodedb.Column;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * psql's aligned format (border 1), and its expanded form ({@code \x}):
 *
 * <pre>
 *  id | name
 * ----+------
 *   1 | tea
 * (1 row)
 *
 * -[ RECORD 1 ]
 * id   | 1
 * name | tea
 * </pre>
 *
 * Headers are centered, numbers right-aligned, other values left-aligned; a value with line breaks
 * takes several lines, each but the last marked with {@code +}. The title ({@code \d}) is centered
 * above the table. Rows are kept until {@link #end} to size the columns. In {@code \x auto} mode the
 * expanded form is chosen when the table would be wider than the terminal. Not thread-safe.
 */
final class AlignedWriter implements ResultWriter {
    private final PrintStream out;
    private final String nullString;
    private final boolean footer;
    private final PrintSettings.Expanded expanded;
    private final int terminalWidth;
    private String title;
    private List<Column> columns;
    private boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param out where the table goes
     * @param nullString how NULL is shown
     * @param footer whether to print {@code (N rows)}
     * @param expanded off, on, or auto
     * @param terminalWidth columns available for {@code auto}; 0 when unknown
     */
    AlignedWriter(PrintStream out, String nullString, boolean footer, PrintSettings.Expanded expanded, int terminalWidth) {
        this.out = out;
        this.nullString = nullString;
        this.footer = footer;
        this.expanded = expanded;
        this.terminalWidth = terminalWidth;
    }

    @Override
    public void begin(String title, List<Column> columns) {
        this.title = title;
        this.columns = columns;
        rightAligned = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            rightAligned[i] = Cells.isNumeric(columns.get(i).type());
        }
    }

    @Override
    public void row(Object[] values) {
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            String s = Cells.text(columns.get(i).type(), values[i]);
            cells[i] = s == null ? nullString : s;
        }
        rows.add(cells);
    }

    @Override
    public void end(long rowCount, List<String> footers) {
        StringBuilder sb = new StringBuilder();
        int[] widths = widths();
        boolean useExpanded = expanded == PrintSettings.Expanded.ON
                || expanded == PrintSettings.Expanded.AUTO && terminalWidth > 0 && !rows.isEmpty()
                && tableWidth(widths) > terminalWidth;
        if (useExpanded) {
            expanded(sb, rowCount);
        } else {
            table(sb, widths, rowCount);
        }
        for (String f : footers) {
            sb.append(f).append('\n');
        }
        sb.append('\n');
        out.print(sb);
    }

    private int[] widths() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = maxLineWidth(columns.get(i).name());
        }
        for (String[] r : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], maxLineWidth(r[i]));
            }
        }
        return widths;
    }

    private static int tableWidth(int[] widths) {
        int w = 0;
        for (int x : widths) {
            w += x + 3;
        }
        return Math.max(0, w - 1);
    }

    private static int maxLineWidth(String s) {
        int max = 0;
        for (String line : s.split("\n", -1)) {
            max = Math.max(max, Cells.width(line));
        }
        return max;
    }

    private void table(StringBuilder sb, int[] widths, long rowCount) {
        int n = columns.size();
        if (title != null) {
            int pad = Math.max(0, (tableWidth(widths) - Cells.width(title)) / 2);
            sb.append(" ".repeat(pad)).append(title).append('\n');
        }
        if (n > 0) {
            // Header: every column centered, a trailing space after the last one.
            sb.append(' ');
            for (int i = 0; i < n; i++) {
                sb.append(Cells.center(columns.get(i).name(), widths[i]));
                sb.append(i < n - 1 ? " | " : " ");
            }
            sb.append('\n');
            for (int i = 0; i < n; i++) {
                sb.append("-".repeat(widths[i] + 2)).append(i < n - 1 ? "+" : "");
            }
            sb.append('\n');
        }
        for (String[] r : rows) {
            appendRow(sb, r, widths);
        }
        if (footer) {
            sb.append(Cells.rowCountFooter(rowCount)).append('\n');
        }
    }

    private void appendRow(StringBuilder sb, String[] r, int[] widths) {
        int n = r.length;
        String[][] lines = new String[n][];
        int height = 1;
        for (int i = 0; i < n; i++) {
            lines[i] = r[i].split("\n", -1);
            height = Math.max(height, lines[i].length);
        }
        for (int k = 0; k < height; k++) {
            sb.append(' ');
            for (int i = 0; i < n; i++) {
                String text = k < lines[i].length ? lines[i][k] : "";
                boolean more = k < lines[i].length - 1;
                if (rightAligned[i]) {
                    sb.append(Cells.padLeft(text, widths[i]));
                } else if (i < n - 1 || more) {
                    sb.append(Cells.padRight(text, widths[i]));
                } else {
                    sb.append(text);
                }
                if (i < n - 1) {
                    sb.append(more ? '+' : ' ').append("| ");
                } else if (more) {
                    sb.append('+');
                }
            }
            sb.append('\n');
        }
    }

    private void expanded(StringBuilder sb, long rowCount) {
        if (title != null) {
            sb.append(title).append('\n');
        }
        if (rows.isEmpty()) {
            if (footer) {
                sb.append(Cells.rowCountFooter(rowCount)).append('\n');
            }
            return;
        }
        int nameWidth = 0;
        for (Column c : columns) {
            nameWidth = Math.max(nameWidth, maxLineWidth(c.name()));
        }
        int valueWidth = 0;
        for (String[] r : rows) {
            for (String v : r) {
                valueWidth = Math.max(valueWidth, maxLineWidth(v));
            }
        }
        int record = 0;
        for (String[] r : rows) {
            record++;
            String head = "-[ RECORD " + record + " ]";
            int total = nameWidth + 3 + valueWidth;
            sb.append(head).append("-".repeat(Math.max(0, total - head.length()))).append('\n');
            for (int i = 0; i < r.length; i++) {
                String[] lines = r[i].split("\n", -1);
                for (int k = 0; k < lines.length; k++) {
                    sb.append(Cells.padRight(k == 0 ? columns.get(i).name() : "", nameWidth)).append(" | ");
                    if (k < lines.length - 1) {
                        sb.append(Cells.padRight(lines[k], valueWidth)).append('+');
                    } else {
                        sb.append(lines[k]);
                    }
                    sb.append('\n');
                }
            }
        }
    }
}
