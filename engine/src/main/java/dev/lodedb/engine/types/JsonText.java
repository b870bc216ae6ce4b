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

    /**
     * Reads the JSON value at the parser's current token and writes jsonb's canonical text of it
     * (what {@link #write} writes for the canonical tree of the value, without building a tree):
     * object keys unique (the last wins) in jsonb's key order, numbers as numeric output,
     * PostgreSQL's spacing. Strings are not checked here ({@link #checkCanonicalStrings}). On
     * return the parser is at the value's last token.
     *
     * @throws IOException from the parser, malformed JSON included
     * @throws SqlException 22003 for a number beyond numeric's limits, once the whole value is read
     */
    static String canonicalText(JsonParser p) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        SqlException problem = null;
        // One loop over the tokens, with a stack of open containers (no recursion: one small
        // method for the JIT, whatever the nesting): for an object, where it starts in sb, its
        // keys so far and where each key's pair starts and ends, and whether they are in order.
        Container top = null;
        JsonToken t = p.currentToken();
        for (;;) {
            if (t == null) {
                throw invalid("The input string ended unexpectedly.");
            }
            boolean valueDone = true;
            switch (t) {
                case START_OBJECT, START_ARRAY -> {
                    if (top != null) {
                        top.beforeValue(sb);
                    }
                    top = new Container(top, t == JsonToken.START_OBJECT, sb.length());
                    sb.append(top.object ? '{' : '[');
                    valueDone = false;
                }
                case FIELD_NAME -> {
                    top.key(p.currentName(), sb);
                    valueDone = false;
                }
                case END_OBJECT, END_ARRAY -> {
                    if (top.object) {
                        top.finishObject(sb);
                    } else {
                        sb.append(']');
                    }
                    top = top.parent;
                }
                default -> {
                    if (top != null) {
                        top.beforeValue(sb);
                    }
                    switch (t) {
                        case VALUE_STRING -> escape(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), sb);
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                            try {
                                char[] chars = p.getTextCharacters();
                                int off = p.getTextOffset();
                                int len = p.getTextLength();
                                if (NumericText.isCanonicalPlainDecimal(chars, off, len)) {
                                    sb.append(chars, off, len); // already numeric output: no String made
                                } else {
                                    sb.append(NumericText.canonicalText(p.getText()));
                                }
                            } catch (SqlException e) {
                                if (problem == null) {
                                    problem = e;
                                }
                                sb.append(p.getText());
                            }
                        }
                        case VALUE_TRUE -> sb.append("true");
                        case VALUE_FALSE -> sb.append("false");
                        case VALUE_NULL -> sb.append("null");
                        default -> throw invalid("Token \"" + p.getText() + "\" is invalid.");
                    }
                }
            }
            if (valueDone) {
                if (top == null) {
                    break; // the whole value is read; the parser is at its last token
                }
                top.afterValue(sb);
            }
            t = p.nextToken();
        }
        if (problem != null) {
            throw problem; // after the whole value: the parser is past it, as for a good one
        }
        return sb.toString();
    }

    /** An object or array being written by {@link #canonicalText}. */
    private static final class Container {
        final Container parent;
        final boolean object;
        final int open;
        int count;
        String[] keys;
        int[] starts;
        int[] ends;
        boolean ordered = true;

        Container(Container parent, boolean object, int open) {
            this.parent = parent;
            this.object = object;
            this.open = open;
            if (object) {
                keys = new String[4];
                starts = new int[4];
                ends = new int[4];
            }
        }

        /** An array element starts: the separator. */
        void beforeValue(StringBuilder sb) {
            if (!object && count++ > 0) {
                sb.append(", ");
            }
        }

        /** An object's key: the separator, then the key; the pair starts here. */
        void key(String key, StringBuilder sb) {
            int n = count;
            if (n == keys.length) {
                keys = java.util.Arrays.copyOf(keys, n * 2);
                starts = java.util.Arrays.copyOf(starts, n * 2);
                ends = java.util.Arrays.copyOf(ends, n * 2);
            }
            if (n > 0) {
                sb.append(", ");
                ordered &= Jsonb.KEY_ORDER.compare(keys[n - 1], key) < 0;
            }
            keys[n] = key;
            starts[n] = sb.length();
            escape(key, sb);
            sb.append(": ");
        }

        /** A value inside this container is complete: for an object, its pair ends here. */
        void afterValue(StringBuilder sb) {
            if (object) {
                ends[count++] = sb.length();
            }
        }

        /**
         * Closes an object: only when its keys are not already unique and in jsonb's order are
         * the pairs sorted (the last of equal keys kept) and written again.
         */
        void finishObject(StringBuilder sb) {
            if (!ordered) {
                int n = count;
                String[] pairs = new String[n];
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    pairs[i] = sb.substring(starts[i], ends[i]);
                    order[i] = i;
                }
                String[] ks = keys;
                // by key, and among equal keys the last written first: it is the one kept
                java.util.Arrays.sort(order, (a, b) -> {
                    int c = Jsonb.KEY_ORDER.compare(ks[a], ks[b]);
                    return c != 0 ? c : Integer.compare(b, a);
                });
                sb.setLength(open + 1);
                String last = null;
                boolean first = true;
                for (int i : order) {
                    if (last != null && last.equals(ks[i])) {
                        continue;
                    }
                    last = ks[i];
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    sb.append(pairs[i]);
                }
            }
            sb.append('}');
        }
    }

    /**
     * Checks the strings of canonical text as {@link #checkString} checks strings: a NUL (written
     * as the escape {@code \u0000}) or an unpaired surrogate is an error.
     *
     * @throws SqlException 22P05 for NUL, 22P02 for an unpaired surrogate
     */
    static void checkCanonicalStrings(String text) {
        if (text.contains("\\u0000")) {
            // only an escape if the backslash itself is not escaped: count the backslashes before it
            for (int at = text.indexOf("\\u0000"); at >= 0; at = text.indexOf("\\u0000", at + 1)) {
                int slashes = 0;
                for (int i = at; i >= 0 && text.charAt(i) == '\\'; i--) {
                    slashes++;
                }
                if (slashes % 2 == 1) {
                    checkString("\0");
                }
            }
        }
        checkSurrogates(text);
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
    /** {@link #escape(String, StringBuilder)} of {@code chars[off, off + len)}, without making a string. */
    static void escape(char[] chars, int off, int len, StringBuilder out) {
        out.append('"');
        int end = off + len;
        int plain = off;
        while (plain < end) {
            char c = chars[plain];
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        out.append(chars, off, plain - off);
        for (int i = plain; i < end; i++) {
            escapeChar(chars[i], out);
        }
        out.append('"');
    }

    public static void escape(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n) {
            char c = s.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain == n) {
            out.append(s).append('"'); // nothing to escape: the common case, in one copy
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < n; i++) {
            escapeChar(s.charAt(i), out);
        }
        out.append('"');
    }

    private static void escapeChar(char c, StringBuilder out) {
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
}
