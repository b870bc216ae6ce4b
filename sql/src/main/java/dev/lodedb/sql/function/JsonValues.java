package dev.lodedb.sql.function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.Values;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Conversion of SQL values to JSON text (PostgreSQL's {@code datum_to_json} in {@code json.c}),
 * and navigation in {@code json} values that keeps the text as written (PostgreSQL's json
 * operators return the sub-value's original text, whitespace included). Stateless and
 * thread-safe.
 */
final class JsonValues {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonValues() {
    }

    /** PostgreSQL's {@code escape_json} ({@link dev.lodedb.engine.types.JsonText#escape}). */
    static void escape(String s, StringBuilder out) {
        dev.lodedb.engine.types.JsonText.escape(s, out);
    }

    /**
     * Appends the JSON text of a SQL value ({@code datum_to_json}): null, booleans and numbers
     * as JSON literals (non-finite floats as strings), json verbatim, jsonb as its text, dates
     * and timestamps in ISO 8601 ({@code 2020-01-01T10:00:00+00:00}), everything else as a
     * string of its text output.
     *
     * @param key whether the value is an object key: then it is always a string, and json or
     *     jsonb keys are an error (22023)
     */
    static void append(StringBuilder out, DataType type, Object v, boolean key) {
        if (v == null) {
            out.append("null");
            return;
        }
        String text;
        switch (type.id()) {
            case BOOLEAN:
                text = (Boolean) v ? "true" : "false";
                break;
            case SMALLINT, INTEGER, BIGINT, NUMERIC:
                text = Values.format(type, v);
                break;
            case REAL, DOUBLE: {
                double d = ((Number) v).doubleValue();
                text = Values.format(type, v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    escape(text, out);
                    return;
                }
                break;
            }
            case JSON, JSONB:
                if (key) {
                    throw Errors.invalidParameter(
                            "key value must be scalar, not array, composite, or json");
                }
                out.append(type.id() == dev.lodedb.engine.types.TypeId.JSON
                        ? ((Json) v).text() : v.toString());
                return;
            case TIMESTAMP: {
                LocalDateTime t = (LocalDateTime) v;
                String s = Values.format(type, v);
                escape(DateTimeArithmetic.isInfinite(t) ? s : s.replaceFirst(" ", "T"), out);
                return;
            }
            case TIMESTAMPTZ: {
                OffsetDateTime t = (OffsetDateTime) v;
                String s = Values.format(type, v);
                escape(DateTimeArithmetic.isInfinite(t) ? s
                        : s.replaceFirst(" ", "T").replaceFirst("\\+00$", "+00:00"), out);
                return;
            }
            default:
                escape(Values.format(type, v), out);
                return;
        }
        if (key) {
            escape(text, out);
        } else {
            out.append(text);
        }
    }

    /** @return {@code to_json(v)} */
    static Json toJson(DataType type, Object v) {
        StringBuilder sb = new StringBuilder();
        append(sb, type, v, false);
        return new Json(sb.toString());
    }

    /** @return {@code to_jsonb(v)} */
    static Jsonb toJsonb(DataType type, Object v) {
        if (type.id() == dev.lodedb.engine.types.TypeId.JSONB) {
            return (Jsonb) v;
        }
        StringBuilder sb = new StringBuilder();
        append(sb, type, v, false);
        return Jsonb.parse(sb.toString());
    }

    /**
     * {@code json_build_object}/{@code jsonb_build_object}: alternating keys and values.
     *
     * @throws SqlException 22023 for an odd number of arguments or a null key
     */
    static String buildObject(List<DataType> types, Object[] args, String function) {
        if (args.length % 2 != 0) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    "argument list must have even number of elements", null,
                    "The arguments of " + function + "() must consist of alternating keys and "
                            + "values.", 0, null);
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < args.length; i += 2) {
            if (args[i] == null) {
                throw Errors.invalidParameter("argument " + (i + 1) + " cannot be null");
            }
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, types.get(i), args[i], true);
            sb.append(" : ");
            append(sb, types.get(i + 1), args[i + 1], false);
        }
        return sb.append('}').toString();
    }

    /** {@code json_build_array}/{@code jsonb_build_array}. */
    static String buildArray(List<DataType> types, Object[] args) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, types.get(i), args[i], false);
        }
        return sb.append(']').toString();
    }

    private static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    private static SqlException internal(IOException e) {
        return new SqlException(SqlException.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type json", e);
    }

    /** Reads the value at the parser's current token; returns its source text. */
    private static String valueText(JsonParser p, String json) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            p.finishToken();
        }
        int end = (int) p.currentLocation().getCharOffset();
        return json.substring(start, end);
    }

    /** @return the text of the last value of {@code key} in a top-level object, or null */
    static String field(String json, String key) {
        try (JsonParser p = parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                String v = valueText(p, json);
                if (name.equals(key)) {
                    found = v;
                }
            }
            return found;
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** @return the text of element {@code index} (negative from the end) of an array, or null */
    static String element(String json, int index) {
        try (JsonParser p = parser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> elements = new java.util.ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String v = valueText(p, json);
                if (index >= 0 && elements.size() == index) {
                    return v;
                }
                elements.add(v);
            }
            int i = index < 0 ? elements.size() + index : index;
            return i >= 0 && i < elements.size() ? elements.get(i) : null;
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** @return the value at {@code path} ({@code #>} on json), or null */
    static String path(String json, List<String> path) {
        String cur = json;
        for (String step : path) {
            if (step == null || cur == null) {
                return null;
            }
            String t = cur.stripLeading();
            if (t.startsWith("{")) {
                cur = field(cur, step);
            } else if (t.startsWith("[")) {
                int i;
                try {
                    i = Integer.parseInt(step.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
                cur = element(cur, i);
            } else {
                return null;
            }
        }
        return cur;
    }

    /** @return {@code ->>} of a json value's text: string contents, null for JSON null, else the text */
    static String text(String valueText) {
        if (valueText == null) {
            return null;
        }
        String t = valueText.strip();
        if (t.equals("null")) {
            return null;
        }
        if (!t.startsWith("\"")) {
            return valueText;
        }
        try (JsonParser p = parser(t)) {
            p.nextToken();
            return p.getText();
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** @return {@code json_typeof} */
    static String typeOf(String json) {
        try (JsonParser p = parser(json)) {
            JsonToken t = p.nextToken();
            return switch (t) {
                case START_OBJECT -> "object";
                case START_ARRAY -> "array";
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                default -> "null";
            };
        } catch (IOException e) {
            throw internal(e);
        }
    }

    /** @return {@code json_array_length} */
    static int arrayLength(String json) {
        try (JsonParser p = parser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw Errors.invalidParameter(t == JsonToken.START_OBJECT
                        ? "cannot get array length of a non-array"
                        : "cannot get array length of a scalar");
            }
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
                n++;
            }
            return n;
        } catch (IOException e) {
            throw internal(e);
        }
    }
}
