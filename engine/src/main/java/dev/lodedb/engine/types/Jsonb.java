package dev.lodedb.engine.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL {@code jsonb} value: JSON decomposed into a canonical tree, held as a Jackson
 * {@link JsonNode}. Canonical means what PostgreSQL's {@code jsonb} storage makes of the input:
 * <ul>
 *   <li>object keys are unique (the last duplicate wins) and ordered as PostgreSQL stores them:
 *       shorter keys first (by UTF-8 length), equal lengths bytewise ({@code
 *       lengthCompareJsonbString});</li>
 *   <li>numbers are {@code numeric}: {@link DecimalNode}s holding a {@link BigDecimal} with the
 *       scale as written, {@code 1e2} becoming {@code 100} and {@code 1.50} staying {@code 1.50};
 *       </li>
 *   <li>insignificant whitespace is gone; output is PostgreSQL's, e.g. {@code {"a": 1, "b": [1,
 *       2]}}.</li>
 * </ul>
 *
 * <p>{@link #compareTo} is PostgreSQL's jsonb btree order ({@code compareJsonbContainers}):
 * {@code Object > Array > Boolean > Number > String > Null}; objects with more pairs sort after
 * objects with fewer, arrays with more elements after arrays with fewer; equal-size objects
 * compare pair by pair in storage order (key, then value); strings compare bytewise in UTF-8 (the
 * C collation). A top-level scalar compares like a one-element array that sorts before a real
 * one-element array, which makes an empty top-level array sort before everything (PostgreSQL's
 * documented quirk). Numbers compare numerically, so {@code 1.0} and {@code 1} are equal for
 * {@code compareTo} but not for {@link #equals}, which compares the trees.
 *
 * <p>Immutable (the tree is private and copied on the way in and out) and thread-safe (the
 * cached output text is an immutable string published by a benign race).
 */
public final class Jsonb implements Comparable<Jsonb> {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The canonical tree this value was made from, or {@code null} if it was made from text. */
    private final JsonNode given;
    /** The canonical text this value was made from, or {@code null} if it was made from a tree. */
    private final String source;
    /** The tree parsed from {@link #source} on first use. */
    private volatile JsonNode parsed;
    /** The output text, computed on first use; equality and hashing are on it. */
    private String text;

    private Jsonb(JsonNode canonicalRoot) {
        this.given = canonicalRoot;
        this.source = null;
    }

    private Jsonb(String canonicalText) {
        this.given = null;
        this.source = canonicalText;
    }

    /** @return the canonical tree, parsed from the canonical text on first use */
    private JsonNode root() {
        if (given != null) {
            return given;
        }
        JsonNode r = parsed;
        if (r == null) {
            r = JsonText.parseCanonical(source);
            parsed = r;
        }
        return r;
    }

    /**
     * Reads the JSON value at the parser's current token straight into jsonb's canonical text,
     * without building a tree (the tree is parsed from the text only if an operation needs it):
     * the fast way to import jsonb. On return the parser is at the value's last token; the value
     * is checked as {@link #parse} checks it.
     *
     * @param parser a parser positioned at a value's first token
     * @return the value
     * @throws IOException from the parser (malformed JSON included)
     * @throws dev.lodedb.engine.SqlException as {@link #parse}: 22P05 for {@code \u0000} in a
     *     string, 22P02 for an unpaired surrogate, 22003 for a number beyond numeric's limits
     */
    public static Jsonb read(com.fasterxml.jackson.core.JsonParser parser) throws IOException {
        return ofCanonicalText(JsonText.canonicalText(parser));
    }

    /**
     * Reads the JSON value at the parser's current token into jsonb's canonical text, without
     * checking its strings (so that an importer can report a string jsonb cannot hold as a
     * conversion error of its column, later: {@link #ofCanonicalText} checks them). The whole value
     * is consumed even when it is rejected: on return or exception the parser is at its last token.
     *
     * @param parser a parser positioned at a value's first token
     * @return the canonical text
     * @throws IOException from the parser (malformed JSON included)
     * @throws dev.lodedb.engine.SqlException 22003 for a number beyond numeric's limits
     */
    public static String canonicalText(com.fasterxml.jackson.core.JsonParser parser) throws IOException {
        return JsonText.canonicalText(parser);
    }

    /**
     * @param text text written by {@link JsonText#canonicalText} (already canonical: keys sorted
     *     and unique, numbers and spacing as jsonb outputs them); anything else is a programming
     *     error
     * @return the value, after the checks of {@link #parse} on its strings
     * @throws dev.lodedb.engine.SqlException 22P05 / 22P02 as {@link #parse} for a NUL or an
     *     unpaired surrogate in a string
     */
    public static Jsonb ofCanonicalText(String text) {
        JsonText.checkCanonicalStrings(text);
        return new Jsonb(text);
    }

    /**
     * @param text canonical text as a row stores it (written by this class, so already checked);
     *     the tree is parsed from it only when an operation needs one
     * @return the value
     */
    public static Jsonb ofStoredText(String text) {
        return new Jsonb(text);
    }

    /**
     * @param text JSON text (RFC 8259, any value at the top level)
     * @return the canonical value
     * @throws dev.lodedb.engine.SqlException 22P02 {@code invalid input syntax for type json} for
     *     invalid JSON, 22P05 for {@code \u0000} in a string (PostgreSQL cannot store it in text)
     */
    public static Jsonb parse(String text) {
        return new Jsonb(JsonText.parseCanonical(text));
    }

    /**
     * @param node any Jackson tree; numbers of any node type become numerics, duplicate-free
     *     objects are re-ordered canonically
     * @return the canonical value of {@code node}
     * @throws dev.lodedb.engine.SqlException 22P05 for {@code \u0000} in a string, 22P02 for a
     *     non-finite floating-point number or an unsupported node type (binary, POJO)
     */
    public static Jsonb of(JsonNode node) {
        return new Jsonb(canonical(node));
    }

    /** @return a copy of the canonical tree */
    public JsonNode node() {
        return root().deepCopy();
    }

    static JsonNodeFactory nodes() {
        return NODES;
    }

    /** @return the canonical tree without copying; callers must not modify it */
    JsonNode rootUnsafe() {
        return root();
    }

    static Jsonb ofCanonicalUnsafe(JsonNode canonicalRoot) {
        return new Jsonb(canonicalRoot);
    }

    private static JsonNode canonical(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT: {
                List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonText.checkString(e.getKey());
                    pairs.add(Map.entry(e.getKey(), canonical(e.getValue())));
                }
                return objectOf(pairs);
            }
            case ARRAY: {
                ArrayNode a = NODES.arrayNode(n.size());
                for (JsonNode e : n) {
                    a.add(canonical(e));
                }
                return a;
            }
            case STRING:
                JsonText.checkString(n.textValue());
                return NODES.textNode(n.textValue());
            case NUMBER:
                if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
                    throw JsonText.invalid("Token \"" + n.asText() + "\" is invalid.");
                }
                // A BigDecimal is taken as is: its toString() may be in E-notation with an
                // exponent beyond numeric input's +-1000 limit (0.000...1 with 1200 decimals),
                // which is a valid numeric that the text parser would reject.
                return DecimalNode.valueOf(n.isBigDecimal()
                        ? NumericText.normalize(n.decimalValue())
                        : NumericText.parseNumeric(n.asText()));
            case BOOLEAN:
                return NODES.booleanNode(n.booleanValue());
            case NULL:
                return NODES.nullNode();
            default:
                throw JsonText.invalid("Unsupported JSON node type " + n.getNodeType() + ".");
        }
    }

    /**
     * @param pairs key/value pairs in input order; later duplicates replace earlier ones
     * @return an object node with unique keys in PostgreSQL's storage order
     */
    static ObjectNode objectOf(List<Map.Entry<String, JsonNode>> pairs) {
        Map<String, JsonNode> last = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> p : pairs) {
            last.put(p.getKey(), p.getValue());
        }
        List<String> keys = new ArrayList<>(last.keySet());
        keys.sort(KEY_ORDER);
        ObjectNode o = NODES.objectNode();
        for (String k : keys) {
            o.set(k, last.get(k));
        }
        return o;
    }

    /**
     * PostgreSQL's jsonb key storage order: UTF-8 length first, then bytes (UTF-8 byte order is
     * code point order, so no bytes are made).
     */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int x = utf8Length(a);
        int y = utf8Length(b);
        if (x != y) {
            return Integer.compare(x, y);
        }
        return Values.compareCodePoints(a, b);
    };

    /** @return the length of {@code s} in UTF-8 (an unpaired surrogate counts as the 1 byte '?' it becomes) */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for 2 chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** @return PostgreSQL's jsonb type order of a canonical node: null, string, number, bool, array, object */
    static int typeRank(JsonNode n) {
        return switch (n.getNodeType()) {
            case NULL -> 0;
            case STRING -> 1;
            case NUMBER -> 2;
            case BOOLEAN -> 3;
            case ARRAY -> 4;
            case OBJECT -> 5;
            default -> throw new IllegalStateException("not a canonical jsonb node: " + n);
        };
    }

    /** @return the PostgreSQL jsonb order of this value relative to {@code o} (see class doc) */
    @Override
    public int compareTo(Jsonb o) {
        JsonNode a = root();
        JsonNode b = o.root();
        boolean rawA = !a.isContainerNode();
        boolean rawB = !b.isContainerNode();
        if (rawA || rawB) {
            int ra = rawA ? 4 : typeRank(a);
            int rb = rawB ? 4 : typeRank(b);
            if (ra != rb) {
                return Integer.compare(ra, rb);
            }
            int na = rawA ? 1 : a.size();
            int nb = rawB ? 1 : b.size();
            if (na != nb) {
                return Integer.compare(na, nb);
            }
            if (rawA != rawB) {
                return rawA ? -1 : 1;
            }
            if (rawA) {
                return compareNodes(a, b);
            }
        }
        return compareNodes(a, b);
    }

    /** Recursive form of {@code compareJsonbContainers} for nodes below the top level. */
    static int compareNodes(JsonNode a, JsonNode b) {
        int ra = typeRank(a);
        int rb = typeRank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (a.getNodeType()) {
            case NULL:
                return 0;
            case STRING:
                return Arrays.compareUnsigned(a.textValue().getBytes(StandardCharsets.UTF_8),
                        b.textValue().getBytes(StandardCharsets.UTF_8));
            case NUMBER:
                return a.decimalValue().compareTo(b.decimalValue());
            case BOOLEAN:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case ARRAY: {
                if (a.size() != b.size()) {
                    return Integer.compare(a.size(), b.size());
                }
                for (int i = 0; i < a.size(); i++) {
                    int c = compareNodes(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            case OBJECT: {
                if (a.size() != b.size()) {
                    return Integer.compare(a.size(), b.size());
                }
                Iterator<Map.Entry<String, JsonNode>> ia = a.properties().iterator();
                Iterator<Map.Entry<String, JsonNode>> ib = b.properties().iterator();
                while (ia.hasNext()) {
                    Map.Entry<String, JsonNode> ea = ia.next();
                    Map.Entry<String, JsonNode> eb = ib.next();
                    int c = Arrays.compareUnsigned(ea.getKey().getBytes(StandardCharsets.UTF_8),
                            eb.getKey().getBytes(StandardCharsets.UTF_8));
                    if (c != 0) {
                        return c;
                    }
                    c = compareNodes(ea.getValue(), eb.getValue());
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            default:
                throw new IllegalStateException("not a canonical jsonb node: " + a);
        }
    }

    /**
     * @return whether {@code o} is a jsonb with the same canonical form, numbers compared with
     *     their scale ({@code 1.0} is not equal to {@code 1} here, as {@link BigDecimal#equals})
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && j.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /**
     * @return PostgreSQL's jsonb output ({@code JsonbToCString}): {@code ", "} between elements,
     *     {@code ": "} after keys, numbers as numeric output, strings escaped as {@code
     *     escape_json} does
     */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            if (source != null) {
                t = source;
            } else {
                StringBuilder sb = new StringBuilder();
                JsonText.write(given, sb);
                t = sb.toString();
            }
            text = t;
        }
        return t;
    }
}
