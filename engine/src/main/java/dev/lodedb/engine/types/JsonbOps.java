package dev.lodedb.engine.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lodedb.engine.SqlException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Navigation and manipulation of {@link Jsonb} values with PostgreSQL's semantics ({@code
 * src/backend/utils/adt/jsonfuncs.c}, {@code jsonb_op.c}, {@code jsonb_util.c}), for the SQL
 * operators {@code -> ->> #> #>> @> <@ ? ?| ?& || -} and functions such as {@code
 * jsonb_typeof} and {@code jsonb_pretty}. The results share unchanged subtrees with the inputs,
 * which is safe because jsonb trees are never modified after construction.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonbOps {
    private JsonbOps() {
    }

    private static Jsonb wrap(JsonNode n) {
        return n == null ? null : Jsonb.ofCanonicalUnsafe(n);
    }

    /** @return the value of {@code key} if {@code j} is an object that has it, else null ({@code ->}) */
    public static Jsonb field(Jsonb j, String key) {
        JsonNode n = j.rootUnsafe();
        return n.isObject() ? wrap(n.get(key)) : null;
    }

    /**
     * @return element {@code index} (negative counts from the end) if {@code j} is an array that
     *     has it, else null ({@code ->} with an integer)
     */
    public static Jsonb element(Jsonb j, int index) {
        JsonNode n = j.rootUnsafe();
        if (!n.isArray()) {
            return null;
        }
        int i = index < 0 ? n.size() + index : index;
        return i >= 0 && i < n.size() ? wrap(n.get(i)) : null;
    }

    /**
     * @param path keys and array indexes as text ({@code #>}); a non-integer step into an array
     *     gives null
     * @return the value at {@code path} (the value itself for an empty path), or null
     */
    public static Jsonb path(Jsonb j, List<String> path) {
        JsonNode n = j.rootUnsafe();
        for (String step : path) {
            if (step == null) {
                return null;
            }
            if (n.isObject()) {
                n = n.get(step);
            } else if (n.isArray()) {
                int i;
                try {
                    i = Integer.parseInt(step.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
                i = i < 0 ? n.size() + i : i;
                n = i >= 0 && i < n.size() ? n.get(i) : null;
            } else {
                return null;
            }
            if (n == null) {
                return null;
            }
        }
        return wrap(n);
    }

    /**
     * @return the text of {@code j} as {@code ->>} returns it: a string's contents, null for
     *     JSON null, else the jsonb text
     */
    public static String text(Jsonb j) {
        JsonNode n = j.rootUnsafe();
        if (n.isTextual()) {
            return n.textValue();
        }
        return n.isNull() ? null : j.toString();
    }

    /** @return {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null} */
    public static String typeName(Jsonb j) {
        return switch (j.rootUnsafe().getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    /**
     * @return the number of elements of an array
     * @throws SqlException 22023 {@code cannot get array length of a scalar} / {@code of a
     *     non-array}
     */
    public static int arrayLength(Jsonb j) {
        JsonNode n = j.rootUnsafe();
        if (n.isArray()) {
            return n.size();
        }
        throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, n.isObject()
                ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
    }

    /**
     * @return whether {@code key} is a key of the top-level object, a string element of the
     *     top-level array, or the top-level string itself ({@code ?})
     */
    public static boolean exists(Jsonb j, String key) {
        JsonNode n = j.rootUnsafe();
        if (n.isObject()) {
            return n.has(key);
        }
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (e.isTextual() && e.textValue().equals(key)) {
                    return true;
                }
            }
            return false;
        }
        return n.isTextual() && n.textValue().equals(key);
    }

    /**
     * PostgreSQL's {@code @>} ({@code JsonbDeepContains}): objects contain objects whose every
     * pair they contain, arrays contain arrays whose every element matches one of theirs (in any
     * order), scalars are compared by value (numbers numerically), and a top-level array also
     * contains a top-level scalar that is one of its elements.
     */
    public static boolean contains(Jsonb a, Jsonb b) {
        JsonNode x = a.rootUnsafe();
        JsonNode y = b.rootUnsafe();
        if (x.isArray() && !y.isContainerNode()) {
            for (JsonNode e : x) {
                if (!e.isContainerNode() && Jsonb.compareNodes(e, y) == 0) {
                    return true;
                }
            }
            return false;
        }
        return deepContains(x, y);
    }

    private static boolean deepContains(JsonNode x, JsonNode y) {
        if (x.getNodeType() != y.getNodeType()) {
            return false;
        }
        if (x.isObject()) {
            if (y.size() > x.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = y.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = x.get(e.getKey());
                if (v == null) {
                    return false;
                }
                JsonNode w = e.getValue();
                if (!w.isContainerNode()) {
                    if (v.isContainerNode() || Jsonb.compareNodes(v, w) != 0) {
                        return false;
                    }
                } else if (!deepContains(v, w)) {
                    return false;
                }
            }
            return true;
        }
        if (x.isArray()) {
            for (JsonNode w : y) {
                boolean found = false;
                for (JsonNode v : x) {
                    if (w.isContainerNode() ? deepContains(v, w)
                            : !v.isContainerNode() && Jsonb.typeRank(v) == Jsonb.typeRank(w)
                            && Jsonb.compareNodes(v, w) == 0) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return Jsonb.compareNodes(x, y) == 0;
    }

    /**
     * PostgreSQL's jsonb {@code ||}: two objects merge (the right side's values win), otherwise
     * both sides are treated as arrays (a non-array becoming a one-element array) and
     * concatenated.
     */
    public static Jsonb concat(Jsonb a, Jsonb b) {
        JsonNode x = a.rootUnsafe();
        JsonNode y = b.rootUnsafe();
        if (x.isObject() && y.isObject()) {
            List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
            x.properties().forEach(pairs::add);
            y.properties().forEach(pairs::add);
            return wrap(Jsonb.objectOf(pairs));
        }
        ArrayNode r = Jsonb.nodes().arrayNode();
        addAll(r, x);
        addAll(r, y);
        return wrap(r);
    }

    private static void addAll(ArrayNode r, JsonNode n) {
        if (n.isArray()) {
            n.forEach(r::add);
        } else {
            r.add(n);
        }
    }

    /**
     * @return {@code j} without {@code key} (object) or without the string elements equal to it
     *     (array) ({@code jsonb - text})
     * @throws SqlException 22023 {@code cannot delete from scalar}
     */
    public static Jsonb deleteKey(Jsonb j, String key) {
        JsonNode n = j.rootUnsafe();
        if (n.isObject()) {
            if (!n.has(key)) {
                return j;
            }
            List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
            n.properties().forEach(e -> {
                if (!e.getKey().equals(key)) {
                    pairs.add(e);
                }
            });
            return wrap(Jsonb.objectOf(pairs));
        }
        if (n.isArray()) {
            ArrayNode r = Jsonb.nodes().arrayNode();
            for (JsonNode e : n) {
                if (!(e.isTextual() && e.textValue().equals(key))) {
                    r.add(e);
                }
            }
            return wrap(r);
        }
        throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }

    /**
     * @return the array without element {@code index} (negative counts from the end; out of
     *     range deletes nothing) ({@code jsonb - integer})
     * @throws SqlException 22023 for an object or a scalar
     */
    public static Jsonb deleteIndex(Jsonb j, int index) {
        JsonNode n = j.rootUnsafe();
        if (n.isObject()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                    "cannot delete from object using integer index");
        }
        if (!n.isArray()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        int i = index < 0 ? n.size() + index : index;
        ArrayNode r = Jsonb.nodes().arrayNode();
        for (int k = 0; k < n.size(); k++) {
            if (k != i) {
                r.add(n.get(k));
            }
        }
        return wrap(r);
    }

    /** @return {@code j} without object fields whose value is null, recursively ({@code jsonb_strip_nulls}) */
    public static Jsonb stripNulls(Jsonb j) {
        return wrap(strip(j.rootUnsafe()));
    }

    private static JsonNode strip(JsonNode n) {
        if (n.isObject()) {
            List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
            n.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    pairs.add(Map.entry(e.getKey(), strip(e.getValue())));
                }
            });
            return Jsonb.objectOf(pairs);
        }
        if (n.isArray()) {
            ArrayNode r = Jsonb.nodes().arrayNode();
            n.forEach(e -> r.add(strip(e)));
            return r;
        }
        return n;
    }

    /**
     * PostgreSQL's {@code jsonb_set(target, path, value, create_missing)}: replaces the value at
     * {@code path}; a missing last key (object) or an index beyond the end (array, appended or
     * prepended for negative indexes) is created when {@code createMissing}. Paths through
     * scalars or missing intermediate keys leave {@code j} unchanged.
     *
     * @throws SqlException 22P02 when a step into an array is not an integer
     */
    public static Jsonb set(Jsonb j, List<String> path, Jsonb value, boolean createMissing) {
        if (path.isEmpty()) {
            return j;
        }
        JsonNode r = set(j.rootUnsafe(), path, 0, value.rootUnsafe(), createMissing);
        return wrap(r);
    }

    private static JsonNode set(JsonNode n, List<String> path, int level, JsonNode value,
                                boolean create) {
        String step = path.get(level);
        boolean last = level == path.size() - 1;
        if (n.isObject()) {
            JsonNode old = n.get(step);
            if (old == null && !(last && create)) {
                return n;
            }
            JsonNode nv = last ? value : set(old, path, level + 1, value, create);
            List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
            n.properties().forEach(pairs::add);
            pairs.add(Map.entry(step, nv));
            return Jsonb.objectOf(pairs);
        }
        if (n.isArray()) {
            int i;
            try {
                i = Integer.parseInt(step.strip());
            } catch (NumberFormatException e) {
                throw new SqlException(SqlException.INVALID_TEXT_REPRESENTATION,
                        "path element at position " + (level + 1) + " is not an integer: \""
                                + step + "\"");
            }
            int size = n.size();
            int idx = i < 0 ? size + i : i;
            ArrayNode r = Jsonb.nodes().arrayNode();
            if (idx < 0 || idx >= size) {
                if (!(last && create)) {
                    return n;
                }
                if (idx < 0) {
                    r.add(value);
                    n.forEach(r::add);
                } else {
                    n.forEach(r::add);
                    r.add(value);
                }
                return r;
            }
            for (int k = 0; k < size; k++) {
                r.add(k == idx ? (last ? value : set(n.get(k), path, level + 1, value, create))
                        : n.get(k));
            }
            return r;
        }
        return n;
    }

    /** @return PostgreSQL's {@code jsonb_pretty} text: one element per line, 4-space indentation */
    public static String pretty(Jsonb j) {
        StringBuilder sb = new StringBuilder();
        pretty(j.rootUnsafe(), 0, sb);
        return sb.toString();
    }

    private static void pretty(JsonNode n, int level, StringBuilder sb) {
        if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(first ? "\n" : ",\n").append("    ".repeat(level + 1));
                first = false;
                JsonText.escape(e.getKey(), sb);
                sb.append(": ");
                pretty(e.getValue(), level + 1, sb);
            }
            sb.append('\n').append("    ".repeat(level)).append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n").append("    ".repeat(level + 1));
                pretty(n.get(i), level + 1, sb);
            }
            sb.append('\n').append("    ".repeat(level)).append(']');
        } else {
            JsonText.write(n, sb);
        }
    }
}
