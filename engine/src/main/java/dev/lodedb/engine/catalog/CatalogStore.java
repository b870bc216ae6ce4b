package dev.lodedb.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Persists a {@link Catalog} in the key-value store, one key per object, under the catalog prefix
 * {@code 0x01} (see {@code docs/sql/design.md}, "Data in the store"):
 * <pre>
 *   0x01 0x00                 header: {"format": 1, "nextObjectId": N}
 *   0x01 'S' id(4 bytes, BE)  schema: {"format": 1, "id": .., "name": ..}
 *   0x01 'T' id(4 bytes, BE)  table:  {"format": 1, "id", "schema", "name", "schemaVersion",
 *                                      "nextColumnId", "primaryKey": [column ids],
 *                                      "columns": [{"id", "name", "type", "notNull",
 *                                                   "default" (SQL text), "missing" (text form)}],
 *                                      "storageId" (only when it differs from "id"),
 *                                      "checks": [{"name", "expression"}] (only when there are any),
 *                                      "foreignKeys": [{"name", "columns", "refTable", "refColumns",
 *                                                       "onDelete", "onUpdate",
 *                                                       "match": "full" (only for MATCH FULL;
 *                                                       absent: MATCH SIMPLE)}] (only when any)}
 *                                      (a column also has "identity": "a" | "d" when it is one)
 *   0x01 'V' id(4 bytes, BE)  view:   {"format": 1, "id", "schema", "name", "columns", "sql"}
 *   0x01 'I' id(4 bytes, BE)  index:  {"format": 1, "id", "schema", "name", "table", "unique",
 *                                      "constraint", "keys", "include", "predicate"} (IndexDefJson)
 *   0x01 'Q' id(4 bytes, BE)  sequence: {"format": 1, "id", "schema", "name", "type", "increment",
 *                                      "min", "max", "start", "cache", "cycle",
 *                                      "ownedByTable", "ownedByColumn" (only when owned)}
 * </pre>
 * Values are UTF-8 JSON (Jackson); types are stored by their PostgreSQL display names
 * ({@code character varying(10)}) and re-parsed with {@link DataType#parse}. A change is written
 * as the difference between two snapshots into the caller's {@link WriteBatch}, so DDL commits
 * together with its data changes. An object of a format newer than {@link #FORMAT} is refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class CatalogStore {
    /** Catalog key prefix. */
    public static final byte PREFIX = 0x01;
    /**
     * The newest format this build reads. Each value is written in the oldest format that holds it:
     * 1 for everything except a table whose rows live under a storage id of its own (after a bulk
     * load rewrote it), which is 2, so that a build that knows nothing of storage ids refuses it
     * instead of reading the table's old, empty prefix.
     */
    public static final int FORMAT = 2;
    /** Format of every value that has no storage id of its own. */
    private static final int FORMAT_1 = 1;
    private static final byte HEADER = 0x00;
    private static final byte SCHEMA = 'S';
    private static final byte TABLE = 'T';
    private static final byte VIEW = 'V';
    private static final byte INDEX = 'I';
    private static final byte SEQUENCE = 'Q';
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogStore() {
    }

    /**
     * Reads the catalog through {@code options} (a snapshot, normally).
     *
     * @return the stored catalog, or {@link Catalog#empty()} for a database that has none yet
     * @throws SqlException XX001 when a catalog value is unreadable or of an unknown format
     */
    public static Catalog load(KeyValueStore store, ReadOptions options) {
        Map<String, Integer> schemas = new TreeMap<>();
        Map<String, TableDef> tables = new TreeMap<>();
        Map<String, ViewDef> views = new TreeMap<>();
        Map<String, IndexDef> indexes = new TreeMap<>();
        Map<String, SequenceDef> sequences = new TreeMap<>();
        Integer next = null;
        try (StoreIterator it = store.newIterator(options.withBounds(new byte[] {PREFIX}, new byte[] {PREFIX + 1}))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                JsonNode v = parse(k, it.value());
                byte kind = k.length > 1 ? k[1] : -1;
                switch (kind) {
                    case HEADER -> next = v.get("nextObjectId").asInt();
                    case SCHEMA -> schemas.put(v.get("name").asText(), v.get("id").asInt());
                    case TABLE -> {
                        TableDef t = readTable(v);
                        tables.put(t.schema() + "." + t.name(), t);
                    }
                    case VIEW -> {
                        ViewDef d = readView(v);
                        views.put(d.schema() + "." + d.name(), d);
                    }
                    case INDEX -> {
                        IndexDef d = IndexDefJson.read(v);
                        indexes.put(d.schema() + "." + d.name(), d);
                    }
                    case SEQUENCE -> {
                        SequenceDef d = readSequence(v);
                        sequences.put(d.schema() + "." + d.name(), d);
                    }
                    default -> throw corrupt(k, "unknown catalog entry kind " + kind);
                }
            }
        }
        if (next == null) {
            if (!schemas.isEmpty() || !tables.isEmpty()) {
                throw new SqlException(SqlException.DATA_CORRUPTED, "catalog has objects but no header");
            }
            return Catalog.empty();
        }
        return Catalog.of(schemas, tables, views, indexes, sequences, next);
    }

    /**
     * Adds to {@code batch} the puts and deletes that turn the stored {@code before} into {@code after}.
     */
    public static void write(WriteBatch batch, Catalog before, Catalog after) {
        if (before == null || before.nextObjectId() != after.nextObjectId()) {
            ObjectNode h = JSON.createObjectNode().put("format", FORMAT_1).put("nextObjectId", after.nextObjectId());
            batch.put(new byte[] {PREFIX, HEADER}, bytes(h));
        }
        Map<Integer, String> oldSchemas = before == null ? Map.of() : invert(before.schemaMap());
        Map<Integer, String> newSchemas = invert(after.schemaMap());
        for (Map.Entry<Integer, String> e : newSchemas.entrySet()) {
            if (!Objects.equals(oldSchemas.get(e.getKey()), e.getValue())) {
                batch.put(key(SCHEMA, e.getKey()), bytes(JSON.createObjectNode().put("format", FORMAT_1)
                        .put("id", e.getKey()).put("name", e.getValue())));
            }
        }
        for (Integer id : oldSchemas.keySet()) {
            if (!newSchemas.containsKey(id)) {
                batch.delete(key(SCHEMA, id));
            }
        }
        Map<Integer, TableDef> oldTables = new HashMap<>();
        if (before != null) {
            before.tables().forEach(t -> oldTables.put(t.id(), t));
        }
        for (TableDef t : after.tables()) {
            if (!t.equals(oldTables.remove(t.id()))) {
                batch.put(key(TABLE, t.id()), bytes(writeTable(t)));
            }
        }
        oldTables.keySet().forEach(id -> batch.delete(key(TABLE, id)));
        Map<Integer, ViewDef> oldViews = new HashMap<>();
        if (before != null) {
            before.views().forEach(v -> oldViews.put(v.id(), v));
        }
        for (ViewDef v : after.views()) {
            if (!v.equals(oldViews.remove(v.id()))) {
                ArrayNode cols = JSON.createArrayNode();
                v.columnNames().forEach(cols::add);
                ObjectNode n = JSON.createObjectNode().put("format", FORMAT_1).put("id", v.id()).put("schema", v.schema())
                        .put("name", v.name()).put("sql", v.sql());
                n.set("columns", cols);
                batch.put(key(VIEW, v.id()), bytes(n));
            }
        }
        oldViews.keySet().forEach(id -> batch.delete(key(VIEW, id)));
        Map<Integer, IndexDef> oldIndexes = new HashMap<>();
        if (before != null) {
            before.indexes().forEach(i -> oldIndexes.put(i.id(), i));
        }
        for (IndexDef i : after.indexes()) {
            if (!i.equals(oldIndexes.remove(i.id()))) {
                batch.put(key(INDEX, i.id()), bytes(IndexDefJson.write(JSON, FORMAT_1, i)));
            }
        }
        oldIndexes.keySet().forEach(id -> batch.delete(key(INDEX, id)));
        Map<Integer, SequenceDef> oldSequences = new HashMap<>();
        if (before != null) {
            before.sequences().forEach(q -> oldSequences.put(q.id(), q));
        }
        for (SequenceDef q : after.sequences()) {
            if (!q.equals(oldSequences.remove(q.id()))) {
                batch.put(key(SEQUENCE, q.id()), bytes(writeSequence(q)));
            }
        }
        oldSequences.keySet().forEach(id -> batch.delete(key(SEQUENCE, id)));
    }

    private static ObjectNode writeSequence(SequenceDef q) {
        ObjectNode n = JSON.createObjectNode().put("format", FORMAT_1).put("id", q.id()).put("schema", q.schema())
                .put("name", q.name()).put("type", q.type().toString()).put("increment", q.increment())
                .put("min", q.minValue()).put("max", q.maxValue()).put("start", q.start()).put("cache", q.cache())
                .put("cycle", q.cycle());
        if (q.owned()) {
            n.put("ownedByTable", q.ownedByTable()).put("ownedByColumn", q.ownedByColumn());
        }
        return n;
    }

    private static SequenceDef readSequence(JsonNode n) {
        return new SequenceDef(n.get("id").asInt(), n.get("schema").asText(), n.get("name").asText(),
                DataType.parse(n.get("type").asText()), n.get("increment").asLong(), n.get("min").asLong(),
                n.get("max").asLong(), n.get("start").asLong(), n.get("cache").asLong(), n.get("cycle").asBoolean(),
                n.has("ownedByTable") ? n.get("ownedByTable").asInt() : 0,
                n.has("ownedByColumn") ? n.get("ownedByColumn").asInt() : -1);
    }

    private static Map<Integer, String> invert(Map<String, Integer> m) {
        Map<Integer, String> r = new HashMap<>();
        m.forEach((k, v) -> r.put(v, k));
        return r;
    }

    private static byte[] key(byte kind, int id) {
        return ByteBuffer.allocate(6).put(PREFIX).put(kind).putInt(id).array();
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize catalog entry", e);
        }
    }

    private static JsonNode parse(byte[] key, byte[] value) {
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (IOException e) {
            throw corrupt(key, "unreadable JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject() || !n.has("format")) {
            throw corrupt(key, "not a catalog object");
        }
        int format = n.get("format").asInt();
        if (format > FORMAT) {
            throw new SqlException(SqlException.DATA_CORRUPTED, "catalog entry written in format " + format
                    + "; this build reads format " + FORMAT + " (open the database with a newer LodeDB)");
        }
        return n;
    }

    private static SqlException corrupt(byte[] key, String why) {
        return new SqlException(SqlException.DATA_CORRUPTED, "corrupt catalog entry " + java.util.HexFormat.of().formatHex(key)
                + ": " + why);
    }

    private static ObjectNode writeTable(TableDef t) {
        ObjectNode n = JSON.createObjectNode().put("format", t.storageId() != t.id() ? FORMAT : FORMAT_1)
                .put("id", t.id()).put("schema", t.schema())
                .put("name", t.name()).put("schemaVersion", t.schemaVersion()).put("nextColumnId", t.nextColumnId());
        if (t.storageId() != t.id()) {
            n.put("storageId", t.storageId());
        }
        ArrayNode pk = n.putArray("primaryKey");
        t.primaryKey().forEach(pk::add);
        ArrayNode cols = n.putArray("columns");
        for (ColumnDef c : t.columns()) {
            ObjectNode cn = cols.addObject().put("id", c.id()).put("name", c.name()).put("type", c.type().toString())
                    .put("notNull", c.notNull());
            if (c.defaultSql() != null) {
                cn.put("default", c.defaultSql());
            }
            if (c.missingValue() != null) {
                cn.put("missing", Values.format(c.type(), c.missingValue()));
            }
            if (c.isIdentity()) {
                cn.put("identity", String.valueOf(c.identity()));
            }
        }
        if (!t.checks().isEmpty()) {
            ArrayNode checks = n.putArray("checks");
            for (CheckConstraint k : t.checks()) {
                checks.addObject().put("name", k.name()).put("expression", k.sql());
            }
        }
        if (!t.foreignKeys().isEmpty()) {
            ArrayNode fks = n.putArray("foreignKeys");
            for (ForeignKeyDef k : t.foreignKeys()) {
                ObjectNode f = fks.addObject().put("name", k.name());
                ArrayNode cols2 = f.putArray("columns");
                k.columns().forEach(cols2::add);
                f.put("refTable", k.refTable());
                ArrayNode refs = f.putArray("refColumns");
                k.refColumns().forEach(refs::add);
                f.put("onDelete", k.onDelete().json()).put("onUpdate", k.onUpdate().json());
                if (k.matchFull()) {
                    f.put("match", "full");
                }
            }
        }
        return n;
    }

    private static TableDef readTable(JsonNode n) {
        List<ColumnDef> cols = new ArrayList<>();
        for (JsonNode c : n.get("columns")) {
            DataType type = DataType.parse(c.get("type").asText());
            Object missing = c.has("missing") ? Values.parse(type, c.get("missing").asText()) : null;
            cols.add(new ColumnDef(c.get("id").asInt(), c.get("name").asText(), type, c.get("notNull").asBoolean(),
                    c.has("default") ? c.get("default").asText() : null, missing,
                    c.has("identity") ? c.get("identity").asText().charAt(0) : ColumnDef.NOT_IDENTITY));
        }
        List<Integer> pk = new ArrayList<>();
        n.get("primaryKey").forEach(x -> pk.add(x.asInt()));
        List<CheckConstraint> checks = new ArrayList<>();
        if (n.has("checks")) {
            n.get("checks").forEach(x -> checks.add(new CheckConstraint(x.get("name").asText(),
                    x.get("expression").asText())));
        }
        List<ForeignKeyDef> fks = new ArrayList<>();
        if (n.has("foreignKeys")) {
            for (JsonNode f : n.get("foreignKeys")) {
                List<Integer> fc = new ArrayList<>();
                f.get("columns").forEach(x -> fc.add(x.asInt()));
                List<Integer> rc = new ArrayList<>();
                f.get("refColumns").forEach(x -> rc.add(x.asInt()));
                fks.add(new ForeignKeyDef(f.get("name").asText(), fc, f.get("refTable").asInt(), rc,
                        ForeignKeyDef.Action.ofJson(f.get("onDelete").asText()),
                        ForeignKeyDef.Action.ofJson(f.get("onUpdate").asText()),
                        f.has("match") && "full".equals(f.get("match").asText())));
            }
        }
        int id = n.get("id").asInt();
        return new TableDef(id, n.get("schema").asText(), n.get("name").asText(), cols, pk,
                n.get("schemaVersion").asInt(), n.get("nextColumnId").asInt(),
                n.has("storageId") ? n.get("storageId").asInt() : id, checks, fks);
    }

    private static ViewDef readView(JsonNode n) {
        List<String> cols = new ArrayList<>();
        n.get("columns").forEach(x -> cols.add(x.asText()));
        return new ViewDef(n.get("id").asInt(), n.get("schema").asText(), n.get("name").asText(), cols, n.get("sql").asText());
    }
}
