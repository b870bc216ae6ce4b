package dev.lodedb.engine.types;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import dev.lodedb.engine.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON text input and output for {@link Json} and {@link Jsonb}, on Jackson's streaming parser
 * (strict RFC 8259: no comments, no trailing commas, no NaN, no leading zeros; any value at the
 * top level; nothing but whitespace after it). Output follows PostgreSQL's {@code
 * JsonbToCString} and {@code escape_json}.
 *
 * <p>Stateless and thread-safe ({@link JsonFactory} is thread-safe once configured).
 */
public final class JsonText {
    /** Nesting limit; PostgreSQL's is its stack depth, Jackson's default is 1000. */
    static final int MAX_DEPTH = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(200_000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonText() {
    }

    static SqlException invalid(String detail) {
        return new SqlException(SqlException.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type json").withDetail(detail);
    }

    /** Validates {@code text} as JSON (the {@code json} type's input check). */
    static void validate(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw invalid("The input string ended unexpectedly.");
            }
            int depth = 0;
            do {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> checkSurrogates(p.getText());
                    default -> { }
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
            } while (t != null);
            if (p.nextToken() != null) {
                throw invalid("Expected end of input, but found \"" + p.getText() + "\".");
            }
        } catch (StreamConstraintsException e) {
            throw invalid("JSON value exceeds a size or nesting limit.");
        } catch (JacksonException e) {
            throw invalid(describe(e));
        } catch (IOException e) {
            throw new SqlException(SqlException.INTERNAL_ERROR, "cannot read JSON text", e);
        }
    }

    /** Parses {@code text} into a canonical jsonb tree (see {@link Jsonb}). */
    static JsonNode parseCanonical(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw invalid("The input string ended unexpectedly.");
            }
            JsonNode root = value(p, t);
            if (p.nextToken() != null) {
                throw invalid("Expected end of input, but found \"" + p.getText() + "\".");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw invalid("JSON value exceeds a size or nesting limit.");
        } catch (JacksonException e) {
            throw invalid(describe(e));
        } catch (IOException e) {
            throw new SqlException(SqlException.INTERNAL_ERROR, "cannot read JSON text", e);
        }
    }

    private static String describe(JacksonException e) {
        String m = e.getOriginalMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : String.valueOf(m)) + ".";
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    checkString(key);
                    pairs.add(Map.entry(key, value(p, p.nextToken())));
                }
                return Jsonb.objectOf(pairs);
            }
            case START_ARRAY: {
                ArrayNode a = Jsonb.nodes().arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                checkString(p.getText());
                return Jsonb.nodes().textNode(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return DecimalNode.valueOf(NumericText.parseNumeric(p.getText()));
            case VALUE_TRUE:
                return Jsonb.nodes().booleanNode(true);
            case VALUE_FALSE:
                return Jsonb.nodes().booleanNode(false);
            case VALUE_NULL:
                return Jsonb.nodes().nullNode();
            default:
                throw invalid("Token \"" + p.getText() + "\" is invalid.");
        }
    }

    /** Rejects what jsonb cannot hold: NUL and unpaired surrogates. */
    static void checkString(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new SqlException(SqlException.UNTRANSLATABLE_CHARACTER,
                    "unsupported Unicode escape sequence")
                    .withDetail("\\u0000 cannot be converted to text.");
        }
        checkSurrogates(s);
    }

    private static void checkSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw invalid("Unicode high surrogate must not be followed by anything but "
                            + "a low surrogate.");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw invalid("Unicode low surrogate must follow a high surrogate.");
            }
        }
    }

    /** Appends PostgreSQL's jsonb text of canonical {@code n} to {@code out}. */
    static void write(JsonNode n, StringBuilder out) {
        switch (n.getNodeType()) {
            case OBJECT: {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    escape(e.getKey(), out);
                    out.append(": ");
                    write(e.getValue(), out);
                }
                out.append('}');
                break;
            }
            case ARRAY: {
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    write(n.get(i), out);
                }
                out.append(']');
                break;
            }
            case STRING:
                escape(n.textValue(), out);
                break;
            case NUMBER:
                out.append(n.decimalValue().toPlainString());
                break;
            case BOOLEAN:
                out.append(n.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.append("null");
                break;
            default:
                throw new IllegalStateException("not a canonical jsonb node: " + n);
        }
    }

    /**
     * PostgreSQL's {@code escape_json}: appends {@code s} as a quoted JSON string, escaping quotes,
     * backslash, the short escapes, and {@code \\u00XX} below 0x20. Thread-safe (stateless).
     */
    public static void escape(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
