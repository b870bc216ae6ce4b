package dev.lodedb.cli;

import dev.lodedb.Column;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.JsonText;
import dev.lodedb.engine.types.Values;
import java.io.PrintStream;
import java.util.List;

/**
 * JSON output: one object per row, keyed by column name in column order. Integers, finite floats
 * and numerics are JSON numbers ({@code NaN} and infinities, which JSON lacks, are strings),
 * booleans are {@code true}/{@code false}, {@code json}/{@code jsonb} values are embedded as JSON,
 * NULL is {@code null}, everything else is a string in PostgreSQL's text form. As an array
 * ({@code [} one object per line {@code ]}) or as JSON Lines (one object per line, nothing else).
 * Streams rows; not thread-safe.
 */
final class JsonWriter implements ResultWriter {
    private final PrintStream out;
    private final boolean lines;
    private List<Column> columns;
    private String[] keys;
    private long written;

    /**
     * @param out where the JSON goes
     * @param lines JSON Lines instead of one array
     */
    JsonWriter(PrintStream out, boolean lines) {
        this.out = out;
        this.lines = lines;
    }

    @Override
    public void begin(String title, List<Column> columns) {
        this.columns = columns;
        keys = new String[columns.size()];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder sb = new StringBuilder();
            JsonText.escape(columns.get(i).name(), sb);
            keys[i] = sb.toString();
        }
        if (!lines) {
            out.print('[');
        }
    }

    @Override
    public void row(Object[] values) {
        StringBuilder sb = new StringBuilder();
        if (!lines) {
            sb.append(written == 0 ? "\n" : ",\n");
        }
        sb.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(keys[i]).append(':');
            value(columns.get(i).type(), values[i], sb);
        }
        sb.append('}');
        if (lines) {
            sb.append('\n');
        }
        out.print(sb);
        written++;
    }

    /** Appends one value as JSON. */
    static void value(DataType type, Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
            return;
        }
        switch (type.id()) {
            case BOOLEAN -> sb.append((Boolean) v ? "true" : "false");
            case SMALLINT, INTEGER, BIGINT -> sb.append(v);
            case REAL, DOUBLE, NUMERIC -> {
                String s = Values.format(type, v);
                if (s.equals("NaN") || s.endsWith("Infinity")) {
                    JsonText.escape(s, sb);
                } else {
                    sb.append(s);
                }
            }
            case JSONB -> sb.append(Values.format(type, v));
            case JSON -> {
                String s = Values.format(type, v);
                // json keeps its text as written; a line break would split a JSON Lines record
                sb.append(s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s
                        : Values.format(DataType.JSONB, Values.cast(v, type, DataType.JSONB)));
            }
            default -> JsonText.escape(Values.format(type, v), sb);
        }
    }

    @Override
    public void end(long rowCount, List<String> footers) {
        if (!lines) {
            out.print(written == 0 ? "]\n" : "\n]\n");
        }
        out.flush();
    }
}
