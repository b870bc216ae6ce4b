package dev.lodedb.cli;

import dev.lodedb.Column;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints one result in one {@link OutputFormat}: {@link #begin}, any number of {@link #row}s,
 * {@link #end}. Streaming formats (CSV, JSON Lines, unaligned) write each row as it comes; aligned
 * and Markdown output keep the rows until {@link #end} to size the columns. Not thread-safe; one
 * writer per result.
 */
interface ResultWriter {
    /**
     * Starts a result.
     *
     * @param title a caption printed above the table by formats for people ({@code \d}'s
     *     {@code Table "public.t"}), or {@code null}
     * @param columns the result columns (names and types: numbers are right-aligned in aligned
     *     output and unquoted in JSON)
     */
    void begin(String title, List<Column> columns);

    /**
     * @param values one value per column, as the executor produces them ({@code null} for SQL
     *     NULL); the array may be reused by the caller after the call
     */
    void row(Object[] values);

    /**
     * Ends the result.
     *
     * @param rowCount the number of rows, for the {@code (N rows)} footer
     * @param footers lines printed under aligned and unaligned tables ({@code \d}'s
     *     {@code Indexes:} block); empty for query results
     */
    void end(long rowCount, List<String> footers);

    /**
     * @param settings the format and its options (read once, at creation)
     * @param out where the result goes
     * @return a writer for one result
     */
    static ResultWriter create(PrintSettings settings, PrintStream out) {
        return create(settings, out, settings.footer);
    }

    /**
     * @param settings the format and its options
     * @param out where the result goes
     * @param footer whether aligned and unaligned output end with {@code (N rows)}
     * @return a writer for one result
     */
    static ResultWriter create(PrintSettings settings, PrintStream out, boolean footer) {
        switch (settings.format) {
            case CSV:
                return new CsvWriter(out);
            case JSON:
                return new JsonWriter(out, false);
            case JSONLINES:
                return new JsonWriter(out, true);
            case MARKDOWN:
                return new MarkdownWriter(out, settings.nullString);
            case UNALIGNED:
                return new UnalignedWriter(out, settings.nullString, footer);
            case ALIGNED:
            default:
                return new AlignedWriter(out, settings.nullString, footer, settings.expanded,
                        settings.terminalWidth);
        }
    }
}
