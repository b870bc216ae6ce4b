package dev.lodedb.engine.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Jsonb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Order-preserving encoding of {@code jsonb} in PostgreSQL's jsonb btree order ({@code
 * compareJsonbContainers}, see {@link Jsonb#compareTo}). PostgreSQL compares two jsonb values
 * token by token in storage order; each token compares first by kind, then containers by size
 * and scalars by value. The encoding writes that token stream with one tag byte per token, so
 * byte order is token order:
 *
 * <pre>
 *   null   = 0x01                         string = 0x02 escaped-UTF-8
 *   number = 0x03 decimal                 false  = 0x04      true = 0x05
 *   array  = 0x06 count raw elements...   object = 0x07 count (key value)...
 * </pre>
 *
 * {@code count} is an ordered varint; {@code raw} is 0x00 for a top-level scalar (PostgreSQL's
 * "raw scalar" pseudo-array, which sorts before a real array of the same length) and 0x01 for
 * every real array; object keys are escaped UTF-8 in PostgreSQL's key storage order. End markers
 * are not needed: the counts make the encoding self-delimiting, and two values only reach the
 * same position when their structure so far is identical.
 *
 * <p>Numbers are compared and encoded by value, so {@code 1.0} and {@code 1} encode the same and
 * decode as {@code 1}: jsonb keys are not lossless (see {@link KeyEncoder#isLossless}).
 *
 * <p>Stateless and thread-safe.
 */
final class JsonbKeyCodec {
    static final int NULL = 0x01;
    static final int STRING = 0x02;
    static final int NUMBER = 0x03;
    static final int FALSE = 0x04;
    static final int TRUE = 0x05;
    static final int ARRAY = 0x06;
    static final int OBJECT = 0x07;

    /** Nesting limit, the same as jsonb text input's (Jackson's default of 1000). */
    static final int MAX_DEPTH = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonbKeyCodec() {
    }

    static void write(ByteWriter w, Jsonb value) {
        JsonNode root = value.node();
        if (!root.isContainerNode()) {
            w.put(ARRAY);
            OrderedBytes.writeVarint(w, 1);
            w.put(0x00);
            node(w, root);
        } else {
            node(w, root);
        }
    }

    private static void node(ByteWriter w, JsonNode n) {
        switch (n.getNodeType()) {
            case NULL -> w.put(NULL);
            case STRING -> {
                w.put(STRING);
                OrderedBytes.writeBytes(w, n.textValue().getBytes(StandardCharsets.UTF_8));
            }
            case NUMBER -> {
                w.put(NUMBER);
                OrderedBytes.writeDecimal(w, n.decimalValue());
            }
            case BOOLEAN -> w.put(n.booleanValue() ? TRUE : FALSE);
            case ARRAY -> {
                w.put(ARRAY);
                OrderedBytes.writeVarint(w, n.size());
                w.put(0x01);
                for (JsonNode e : n) {
                    node(w, e);
                }
            }
            case OBJECT -> {
                w.put(OBJECT);
                OrderedBytes.writeVarint(w, n.size());
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    OrderedBytes.writeBytes(w, e.getKey().getBytes(StandardCharsets.UTF_8));
                    node(w, e.getValue());
                }
            }
            default -> throw new IllegalArgumentException("not a jsonb node: " + n.getNodeType());
        }
    }

    static Jsonb read(ByteReader r) {
        JsonNode root = root(r);
        try {
            return Jsonb.of(root);
        } catch (SqlException e) {
            // a value jsonb input would reject (a number beyond numeric's range, a \u0000
            // in a string) cannot have been encoded: the key is damaged
            throw r.corrupt("invalid jsonb (" + e.getMessage() + ")");
        }
    }

    private static JsonNode root(ByteReader r) {
        int tag = r.get();
        if (tag == ARRAY) {
            int start = r.position();
            long count = OrderedBytes.readVarint(r);
            int raw = r.get();
            if (raw == 0x00) {
                if (count != 1) {
                    throw r.corrupt("jsonb raw scalar with " + count + " elements");
                }
                JsonNode scalar = node(r, r.get(), 1);
                if (scalar.isContainerNode()) {
                    throw r.corrupt("jsonb raw scalar holds a container");
                }
                return scalar;
            }
            r.position(start);
        }
        return node(r, tag, 1);
    }

    private static JsonNode node(ByteReader r, int tag, int depth) {
        if (depth > MAX_DEPTH) {
            throw r.corrupt("jsonb nested too deeply");
        }
        switch (tag) {
            case NULL:
                return NODES.nullNode();
            case STRING:
                return NODES.textNode(utf8(r));
            case NUMBER:
                return DecimalNode.valueOf(OrderedBytes.readDecimal(r));
            case FALSE:
                return NODES.booleanNode(false);
            case TRUE:
                return NODES.booleanNode(true);
            case ARRAY: {
                int n = count(r);
                if (r.get() != 0x01) {
                    throw r.corrupt("jsonb nested array marked raw");
                }
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < n; i++) {
                    a.add(node(r, r.get(), depth + 1));
                }
                return a;
            }
            case OBJECT: {
                int n = count(r);
                List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    String k = utf8(r);
                    pairs.add(Map.entry(k, node(r, r.get(), depth + 1)));
                }
                var o = NODES.objectNode();
                for (Map.Entry<String, JsonNode> p : pairs) {
                    o.set(p.getKey(), p.getValue());
                }
                return o;
            }
            default:
                throw r.corrupt("bad jsonb tag 0x" + Integer.toHexString(tag));
        }
    }

    private static int count(ByteReader r) {
        long n = OrderedBytes.readVarint(r);
        if (n < 0 || n > r.remaining()) {
            throw r.corrupt("jsonb count " + n + " out of range");
        }
        return (int) n;
    }

    private static String utf8(ByteReader r) {
        return KeyEncoder.decodeUtf8(OrderedBytes.readBytes(r), r);
    }
}
