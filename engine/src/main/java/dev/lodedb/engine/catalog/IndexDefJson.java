package dev.lodedb.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lodedb.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of an {@link IndexDef} under catalog key {@code 01 'I' id} (format 1, see {@code
 * docs/engine/catalog.md}):
 * <pre>
 *   {"format": 1, "id", "schema", "name", "table": table id, "unique", "constraint",
 *    "keys": [{"column": id | "expression": SQL text, "type": type name, "desc", "nullsFirst"}],
 *    "include": [column ids], "predicate": SQL text (only for a partial index)}
 * </pre>
 * Stateless and thread-safe.
 */
final class IndexDefJson {
    private IndexDefJson() {
    }

    static ObjectNode write(ObjectMapper json, int format, IndexDef i) {
        ObjectNode n = json.createObjectNode().put("format", format).put("id", i.id()).put("schema", i.schema())
                .put("name", i.name()).put("table", i.tableId()).put("unique", i.unique())
                .put("constraint", i.constraint());
        ArrayNode keys = n.putArray("keys");
        for (IndexDef.Key k : i.keys()) {
            ObjectNode kn = keys.addObject();
            if (k.isExpression()) {
                kn.put("expression", k.expression()).put("type", k.expressionType().toString());
            } else {
                kn.put("column", k.columnId());
            }
            kn.put("desc", k.descending()).put("nullsFirst", k.nullsFirst());
        }
        ArrayNode include = n.putArray("include");
        i.include().forEach(include::add);
        if (i.predicate() != null) {
            n.put("predicate", i.predicate());
        }
        return n;
    }

    static IndexDef read(JsonNode n) {
        List<IndexDef.Key> keys = new ArrayList<>();
        for (JsonNode k : n.get("keys")) {
            boolean desc = k.get("desc").asBoolean();
            boolean nullsFirst = k.get("nullsFirst").asBoolean();
            if (k.has("expression")) {
                keys.add(new IndexDef.Key(-1, k.get("expression").asText(), DataType.parse(k.get("type").asText()),
                        desc, nullsFirst));
            } else {
                keys.add(new IndexDef.Key(k.get("column").asInt(), null, null, desc, nullsFirst));
            }
        }
        List<Integer> include = new ArrayList<>();
        n.get("include").forEach(x -> include.add(x.asInt()));
        return new IndexDef(n.get("id").asInt(), n.get("schema").asText(), n.get("name").asText(),
                n.get("table").asInt(), n.get("unique").asBoolean(), n.get("constraint").asBoolean(), keys, include,
                n.has("predicate") ? n.get("predicate").asText() : null);
    }
}
