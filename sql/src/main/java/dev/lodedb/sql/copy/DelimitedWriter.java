package dev.lodedb.sql.copy;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes PostgreSQL's text and csv COPY formats exactly as PostgreSQL's
 * {@code CopyAttributeOutText} / {@code CopyAttributeOutCSV} do: each value in its type's
 * output form ({@link Values#format}), lines ended by LF.
 * <ul>
 *   <li>text: NULL as the NULL string ({@code \N}); a backslash, the delimiter and the control
 *       characters backspace, form feed, newline, carriage return, tab and vertical tab
 *       backslash-escaped.</li>
 *   <li>csv: NULL as the NULL string (empty), unquoted; a value is quoted when FORCE_QUOTE asks,
 *       when it equals the NULL string (so an empty string is {@code ""}), when it contains the
 *       delimiter, the quote, CR or LF, or when it is {@code \.} in a one-column row; inside
 *       quotes, the quote and the escape character are preceded by the escape character.</li>
 * </ul>
 * Not thread-safe.
 */
final class DelimitedWriter extends RowWriter {
    private final boolean csv;
    private final char delimiter;
    private final char quote;
    private final char escape;
    private final boolean[] forceQuote;

    DelimitedWriter(OutputStream out, List<String> names, List<DataType> types, CopyOptions options) {
        super(out, names, types, options);
        this.csv = options.format() == CopyOptions.Format.CSV;
        this.delimiter = (char) options.delimiter();
        this.quote = (char) options.quote();
        this.escape = (char) options.escape();
        this.forceQuote = new boolean[names.size()];
        for (int i = 0; i < forceQuote.length; i++) {
            forceQuote[i] = csv && options.forceQuote(names.get(i));
        }
    }

    @Override
    public void begin() {
        if (options.header() == CopyOptions.Header.NONE) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            if (csv) {
                csvValue(names.get(i), false);
            } else {
                textValue(names.get(i));
            }
        }
        sb.append('\n');
        emit();
    }

    @Override
    public void write(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            Object v = row[i];
            if (v == null) {
                sb.append(options.nullString());
                continue;
            }
            String s = Values.format(types.get(i), v);
            if (csv) {
                csvValue(s, forceQuote[i]);
            } else {
                textValue(s);
            }
        }
        sb.append('\n');
        emit();
    }

    @Override
    public void end() {
        flush();
    }

    private void textValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                switch (c) {
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case 0x0b -> sb.append("\\v");
                    default -> {
                        if (c == delimiter) {
                            sb.append('\\');
                        }
                        sb.append(c);
                    }
                }
            } else if (c == '\\' || c == delimiter) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
    }

    private void csvValue(String s, boolean force) {
        boolean useQuote = force || s.equals(options.nullString());
        if (!useQuote) {
            if (names.size() == 1 && s.equals("\\.")) {
                useQuote = true;
            } else {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == delimiter || c == quote || c == '\n' || c == '\r') {
                        useQuote = true;
                        break;
                    }
                }
            }
        }
        if (!useQuote) {
            sb.append(s);
            return;
        }
        sb.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == escape) {
                sb.append(escape);
            }
            sb.append(c);
        }
        sb.append(quote);
    }
}
