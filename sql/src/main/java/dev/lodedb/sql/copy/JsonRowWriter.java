package dev.lodedb.sql.copy;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.JsonText;
import dev.lodedb.engine.types.Values;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes rows as JSON objects keyed by column name, as PostgreSQL's {@code row_to_json} would
 * write them: numbers (smallint, integer, bigint, numeric, finite real and double precision)
 * unquoted, booleans as {@code true}/{@code false}, NULL as {@code null}, json and jsonb values
 * embedded as JSON, everything else as a JSON string of the type's text output (so that
 * {@code COPY ... FROM} reads it back through the same input function); NaN and infinite floats
 * as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 * <ul>
 *   <li>json: one JSON array, {@code [} on the first line, one object per line separated by
 *       commas, {@code ]} on the last;</li>
 *   <li>jsonlines: one object per line.</li>
 * </ul>
 * Not thread-safe.
 */
final class JsonRowWriter extends RowWriter {
    private final boolean array;
    private final String[] keys;
    private long rows;

    JsonRowWriter(OutputStream out, List<String> names, List<DataType> types, CopyOptions options) {
        super(out, names, types, options);
        this.array = options.format() == CopyOptions.Format.JSON;
        this.keys = new String[names.size()];
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            k.setLength(0);
            JsonText.escape(names.get(i), k);
            keys[i] = k.append(':').toString();
        }
    }

    @Override
    public void begin() {
        if (array) {
            sb.append('[');
        }
    }

    @Override
    public void write(Object[] row) {
        if (array) {
            sb.append(rows == 0 ? "\n" : ",\n");
        }
        rows++;
        sb.append('{');
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(keys[i]);
            value(types.get(i), row[i]);
        }
        sb.append('}');
        if (!array) {
            sb.append('\n');
        }
        emit();
    }

    private void value(DataType type, Object v) {
        if (v == null) {
            sb.append("null");
            return;
        }
        switch (type.id()) {
            case SMALLINT, INTEGER, BIGINT, NUMERIC -> sb.append(Values.format(type, v));
            case REAL, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    sb.append(Values.format(type, v));
                } else {
                    JsonText.escape(Values.format(type, v), sb);
                }
            }
            case BOOLEAN -> sb.append((Boolean) v ? "true" : "false");
            case JSON -> {
                // newlines can only be whitespace in valid JSON: keep a JSON line on one line
                String t = ((Json) v).text();
                sb.append(array || t.indexOf('\n') < 0 && t.indexOf('\r') < 0 ? t
                        : t.replace('\n', ' ').replace('\r', ' '));
            }
            case JSONB -> sb.append(v);
            default -> JsonText.escape(Values.format(type, v), sb);
        }
    }

    @Override
    public void end() {
        if (array) {
            sb.append(rows == 0 ? "]\n" : "\n]\n");
        }
        emit();
        flush();
    }
}
