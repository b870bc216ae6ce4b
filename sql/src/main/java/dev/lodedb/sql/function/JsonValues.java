package dev.lodedb.sql.function;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Values;

/**
 * Converts SQL values to JSON text as PostgreSQL's {@code to_json} does: numbers and booleans
 * bare, json and jsonb as themselves, NULL as {@code null}, everything else as a JSON string of
 * the value's text output. Thread-safe.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** @return the JSON text of {@code value} of type {@code type} */
    public static String toJsonText(DataType type, Object value) {
        if (value == null) {
            return "null";
        }
        switch (type.id()) {
            case SMALLINT, INTEGER, BIGINT, NUMERIC:
                return Values.format(type, value);
            case REAL, DOUBLE: {
                String s = Values.format(type, value);
                return s.equals("NaN") || s.contains("Infinity") ? quote(s) : s;
            }
            case BOOLEAN:
                return (Boolean) value ? "true" : "false";
            case JSON:
                return ((Json) value).text();
            case JSONB:
                return value.toString();
            default:
                return quote(Values.format(type, value));
        }
    }

    /** @return {@code s} as a quoted, escaped JSON string */
    public static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
