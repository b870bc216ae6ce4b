package dev.lodedb.engine.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    private final JsonNode root;
    /** The output text, computed on first use; equality and hashing are on it. */
    private String text;

    private Jsonb(JsonNode canonicalRoot) {
        this.root = canonicalRoot;
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
        return root.deepCopy();
    }

    static JsonNodeFactory nodes() {
        return NODES;
    }

    /** @return the canonical tree without copying; callers must not modify it */
    JsonNode rootUnsafe() {
        return root;
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

    /** PostgreSQL's jsonb key storage order: UTF-8 length first, then bytes. */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    };

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
        JsonNode a = root;
        JsonNode b = o.root;
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
            StringBuilder sb = new StringBuilder();
            JsonText.write(root, sb);
            t = sb.toString();
            text = t;
        }
        return t;
    }
}
