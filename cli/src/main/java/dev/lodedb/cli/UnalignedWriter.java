package dev.lodedb.cli;

import dev.lodedb.Column;
import java.io.PrintStream;
import java.util.List;

/**
 * psql's unaligned format: a header line, then one line per row, fields separated by {@code |}
 * without padding or quoting, and the {@code (N rows)} footer. Streams rows; not thread-safe.
 */
final class UnalignedWriter implements ResultWriter {
    private final PrintStream out;
    private final String nullString;
    private final boolean footer;
    private List<Column> columns;

    /**
     * @param out where the output goes
     * @param nullString how NULL is shown
     * @param footer whether to print {@code (N rows)}
     */
    UnalignedWriter(PrintStream out, String nullString, boolean footer) {
        this.out = out;
        this.nullString = nullString;
        this.footer = footer;
    }

    @Override
    public void begin(String title, List<Column> columns) {
        this.columns = columns;
        if (title != null) {
            out.println(title);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i > 0 ? "|" : "").append(columns.get(i).name());
        }
        out.print(sb.append('\n'));
    }

    @Override
    public void row(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String s = Cells.text(columns.get(i).type(), values[i]);
            sb.append(i > 0 ? "|" : "").append(s == null ? nullString : s);
        }
        out.print(sb.append('\n'));
    }

    @Override
    public void end(long rowCount, List<String> footers) {
        for (String f : footers) {
            out.println(f);
        }
        if (footer) {
            out.println(Cells.rowCountFooter(rowCount));
        }
        out.flush();
    }
}
