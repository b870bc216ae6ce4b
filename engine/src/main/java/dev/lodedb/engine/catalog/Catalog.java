package dev.lodedb.engine.catalog;

import dev.lodedb.engine.SqlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of the database's schema objects: schemas, tables, views, indexes and
 * sequences. Every
 * change returns a new snapshot, so a statement binds against one consistent catalog while DDL of
 * other sessions publishes newer ones. Tables, views, indexes and sequences share one namespace per schema
 * (relations, as in PostgreSQL). Errors use PostgreSQL's SQLSTATEs and messages.
 *
 * <p>Thread-safe (immutable).
 */
public final class Catalog {
    /** Name of the schema every database has and unqualified names resolve in. */
    public static final String PUBLIC = "public";
    /** First object id handed out; lower ids are reserved for built-in objects. */
    public static final int FIRST_OBJECT_ID = 1000;
    private static final int PUBLIC_ID = 1;
    /** SQLSTATE of {@code schema "x" already exists}. */
    public static final String DUPLICATE_SCHEMA = "42P06";
    /** SQLSTATE of {@code schema "x" does not exist}. */
    public static final String INVALID_SCHEMA_NAME = "3F000";
    /** SQLSTATE of {@code cannot drop ... because other objects depend on it}. */
    public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
    /** SQLSTATE of {@code "v" is not a table} and similar. */
    public static final String WRONG_OBJECT_TYPE = "42809";

    private final Map<String, Integer> schemas;            // name -> id
    private final Map<String, TableDef> tables;             // "schema.name" -> table
    private final Map<String, ViewDef> views;               // "schema.name" -> view
    private final Map<String, IndexDef> indexes;            // "schema.name" -> index
    private final Map<String, SequenceDef> sequences;       // "schema.name" -> sequence
    private final int nextObjectId;
    /** Tables by id and indexes by table id, built on first use (the catalog is immutable). */
    private volatile Map<Integer, TableDef> tablesById;
    private volatile Map<Integer, List<IndexDef>> indexesByTable;

    private Catalog(Map<String, Integer> schemas, Map<String, TableDef> tables, Map<String, ViewDef> views,
            Map<String, IndexDef> indexes, Map<String, SequenceDef> sequences, int nextObjectId) {
        this.schemas = Collections.unmodifiableMap(schemas);
        this.tables = Collections.unmodifiableMap(tables);
        this.views = Collections.unmodifiableMap(views);
        this.indexes = Collections.unmodifiableMap(indexes);
        this.sequences = Collections.unmodifiableMap(sequences);
        this.nextObjectId = nextObjectId;
    }

    /** @return a catalog with these maps and this catalog's sequences */
    private Catalog derive(Map<String, Integer> schemas, Map<String, TableDef> tables, Map<String, ViewDef> views,
            Map<String, IndexDef> indexes, int nextObjectId) {
        return new Catalog(schemas, tables, views, indexes, new TreeMap<>(sequences), nextObjectId);
    }

    /** @return a copy of the index map, for a change */
    private TreeMap<String, IndexDef> ix() {
        return new TreeMap<>(indexes);
    }

    /** @return the catalog of a new database: schema {@code public}, nothing else */
    public static Catalog empty() {
        Map<String, Integer> s = new TreeMap<>();
        s.put(PUBLIC, PUBLIC_ID);
        return new Catalog(s, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), FIRST_OBJECT_ID);
    }

    static Catalog of(Map<String, Integer> schemas, Map<String, TableDef> tables, Map<String, ViewDef> views,
            Map<String, IndexDef> indexes, Map<String, SequenceDef> sequences, int nextObjectId) {
        return new Catalog(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), new TreeMap<>(indexes),
                new TreeMap<>(sequences), nextObjectId);
    }

    private static String key(String schema, String name) {
        return schema + "." + name;
    }

    /** @return the id the next created object gets; pass it to the definition, then {@link #allocateId()} */
    public int nextObjectId() {
        return nextObjectId;
    }

    /** @return this catalog with the next object id consumed */
    public Catalog allocateId() {
        return derive(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), ix(), nextObjectId + 1);
    }

    /** @return the schema names, sorted */
    public List<String> schemaNames() {
        return List.copyOf(schemas.keySet());
    }

    /** @return the id of schema {@code name}, or -1 */
    public int schemaId(String name) {
        Integer id = schemas.get(name);
        return id == null ? -1 : id;
    }

    /** @return every table, sorted by schema and name */
    public List<TableDef> tables() {
        return List.copyOf(tables.values());
    }

    /** @return every view, sorted by schema and name */
    public List<ViewDef> views() {
        return List.copyOf(views.values());
    }

    /** @return table {@code schema.name}, or {@code null} */
    public TableDef table(String schema, String name) {
        return tables.get(key(schema, name));
    }

    /** @return view {@code schema.name}, or {@code null} */
    public ViewDef view(String schema, String name) {
        return views.get(key(schema, name));
    }

    /** @return the table with object id {@code id}, or {@code null} */
    public TableDef tableById(int id) {
        Map<Integer, TableDef> m = tablesById;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (TableDef t : tables.values()) {
                m.put(t.id(), t);
            }
            tablesById = m;
        }
        return m.get(id);
    }

    /**
     * @return table {@code schema.name}
     * @throws SqlException 42P01 {@code relation "name" does not exist} (42809 if it is a view)
     */
    public TableDef requireTable(String schema, String name) {
        TableDef t = table(schema, name);
        if (t == null) {
            if (view(schema, name) != null) {
                throw new SqlException(WRONG_OBJECT_TYPE, "\"" + name + "\" is not a table");
            }
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + display(schema, name) + "\" does not exist");
        }
        return t;
    }

    private static String display(String schema, String name) {
        return schema.equals(PUBLIC) ? name : schema + "." + name;
    }

    private void requireSchema(String schema) {
        if (!schemas.containsKey(schema)) {
            throw new SqlException(INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
    }

    private boolean relationExists(String schema, String name) {
        return tables.containsKey(key(schema, name)) || views.containsKey(key(schema, name))
                || indexes.containsKey(key(schema, name)) || sequences.containsKey(key(schema, name));
    }

    /**
     * @param ifNotExists return this catalog unchanged when the schema exists
     * @throws SqlException 42P06 when it exists and {@code ifNotExists} is false
     */
    public Catalog createSchema(String name, boolean ifNotExists) {
        if (schemas.containsKey(name)) {
            if (ifNotExists) {
                return this;
            }
            throw new SqlException(DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        }
        Map<String, Integer> s = new TreeMap<>(schemas);
        s.put(name, nextObjectId);
        return derive(s, new TreeMap<>(tables), new TreeMap<>(views), ix(), nextObjectId + 1);
    }

    /**
     * Drops a schema; with {@code cascade} also its tables, views and indexes.
     *
     * @throws SqlException 3F000 if missing (unless {@code ifExists}); 2BP01 if it holds objects
     *     and {@code cascade} is false
     */
    public Catalog dropSchema(String name, boolean ifExists, boolean cascade) {
        if (!schemas.containsKey(name)) {
            if (ifExists) {
                return this;
            }
            throw new SqlException(INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        }
        Map<String, TableDef> t = new TreeMap<>(tables);
        Map<String, ViewDef> v = new TreeMap<>(views);
        boolean nonEmpty = t.values().removeIf(x -> x.schema().equals(name)) | v.values().removeIf(x -> x.schema().equals(name));
        Map<String, IndexDef> i = ix();
        i.values().removeIf(x -> x.schema().equals(name));
        Map<String, SequenceDef> q = new TreeMap<>(sequences);
        nonEmpty |= q.values().removeIf(x -> x.schema().equals(name));
        if (nonEmpty && !cascade) {
            throw new SqlException(DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop schema " + name + " because other objects depend on it");
        }
        Map<String, Integer> s = new TreeMap<>(schemas);
        s.remove(name);
        return new Catalog(s, t, v, i, q, nextObjectId);
    }

    /**
     * Adds a new table; its id must be {@link #nextObjectId()}.
     *
     * @throws SqlException 3F000 for an unknown schema, 42P07 if a relation of that name exists
     */
    public Catalog createTable(TableDef table) {
        requireSchema(table.schema());
        if (relationExists(table.schema(), table.name())) {
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + table.name() + "\" already exists");
        }
        if (table.id() != nextObjectId) {
            throw new IllegalArgumentException("table id " + table.id() + " is not the next object id " + nextObjectId);
        }
        Map<String, TableDef> t = new TreeMap<>(tables);
        t.put(key(table.schema(), table.name()), table);
        return derive(new TreeMap<>(schemas), t, new TreeMap<>(views), ix(), nextObjectId + 1);
    }

    /**
     * Replaces a table by its new definition (same id), e.g. after ALTER TABLE; a rename moves it.
     *
     * @throws SqlException 42P07 when a rename collides with another relation
     */
    public Catalog replaceTable(TableDef table) {
        TableDef old = tableById(table.id());
        if (old == null) {
            throw new IllegalArgumentException("no table with id " + table.id());
        }
        Map<String, TableDef> t = new TreeMap<>(tables);
        t.remove(key(old.schema(), old.name()));
        if (!old.name().equals(table.name()) && relationExists(table.schema(), table.name())) {
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + table.name() + "\" already exists");
        }
        t.put(key(table.schema(), table.name()), table);
        return derive(new TreeMap<>(schemas), t, new TreeMap<>(views), ix(), nextObjectId);
    }

    /**
     * Drops a table and its indexes.
     *
     * @throws SqlException 42P01 if missing (unless {@code ifExists}); 42809 if it is a view
     */
    public Catalog dropTable(String schema, String name, boolean ifExists) {
        if (table(schema, name) == null) {
            if (ifExists && view(schema, name) == null) {
                return this;
            }
            requireTable(schema, name);
        }
        Map<String, TableDef> t = new TreeMap<>(tables);
        TableDef dropped = t.remove(key(schema, name));
        Map<String, IndexDef> i = ix();
        i.values().removeIf(x -> x.tableId() == dropped.id());
        Map<String, SequenceDef> q = new TreeMap<>(sequences);
        q.values().removeIf(x -> x.ownedByTable() == dropped.id());
        return new Catalog(new TreeMap<>(schemas), t, new TreeMap<>(views), i, q, nextObjectId);
    }

    /**
     * Adds a view (id {@link #nextObjectId()}), or replaces one with {@code orReplace}.
     *
     * @throws SqlException 42P07 if a relation of that name exists (a table, or a view without
     *     {@code orReplace}); 3F000 for an unknown schema
     */
    public Catalog createView(ViewDef view, boolean orReplace) {
        requireSchema(view.schema());
        if (tables.containsKey(key(view.schema(), view.name())) || indexes.containsKey(key(view.schema(), view.name()))
                || sequences.containsKey(key(view.schema(), view.name()))
                || (!orReplace && views.containsKey(key(view.schema(), view.name())))) {
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + view.name() + "\" already exists");
        }
        Map<String, ViewDef> v = new TreeMap<>(views);
        ViewDef old = v.put(key(view.schema(), view.name()), view);
        int next = old == null ? nextObjectId + 1 : nextObjectId;
        return derive(new TreeMap<>(schemas), new TreeMap<>(tables), v, ix(), next);
    }

    /**
     * @throws SqlException 42P01 {@code view "v" does not exist} (unless {@code ifExists}); 42809
     *     if it is a table
     */
    public Catalog dropView(String schema, String name, boolean ifExists) {
        if (view(schema, name) == null) {
            if (table(schema, name) != null) {
                throw new SqlException(WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
            }
            if (ifExists) {
                return this;
            }
            throw new SqlException(SqlException.UNDEFINED_TABLE, "view \"" + name + "\" does not exist");
        }
        Map<String, ViewDef> v = new TreeMap<>(views);
        v.remove(key(schema, name));
        return derive(new TreeMap<>(schemas), new TreeMap<>(tables), v, ix(), nextObjectId);
    }

    /** @return every index, sorted by schema and name */
    public List<IndexDef> indexes() {
        return List.copyOf(indexes.values());
    }

    /** @return index {@code schema.name}, or {@code null} */
    public IndexDef index(String schema, String name) {
        return indexes.get(key(schema, name));
    }

    /** @return the indexes of table {@code tableId}, in creation (id) order; unmodifiable */
    public List<IndexDef> indexesOf(int tableId) {
        Map<Integer, List<IndexDef>> m = indexesByTable;
        if (m == null) {
            Map<Integer, List<IndexDef>> byTable = new java.util.HashMap<>();
            for (IndexDef i : indexes.values()) {
                byTable.computeIfAbsent(i.tableId(), k -> new ArrayList<>()).add(i);
            }
            m = new java.util.HashMap<>();
            for (Map.Entry<Integer, List<IndexDef>> e : byTable.entrySet()) {
                e.getValue().sort(java.util.Comparator.comparingInt(IndexDef::id));
                m.put(e.getKey(), List.copyOf(e.getValue()));
            }
            indexesByTable = m;
        }
        return m.getOrDefault(tableId, List.of());
    }

    /**
     * The key a foreign key can reference: the primary key or a unique index (not partial, without
     * expressions) whose columns are exactly {@code columns} in any order.
     *
     * @param t the table
     * @param columns column ids of {@code t}
     * @return {@code <table>_pkey} for the primary key, the index's name, or {@code null} when there
     *     is none (or a column repeats)
     */
    public String uniqueKeyName(TableDef t, List<Integer> columns) {
        java.util.Set<Integer> want = new java.util.HashSet<>(columns);
        if (want.size() != columns.size()) {
            return null;
        }
        if (!t.hasHiddenRowId() && want.equals(new java.util.HashSet<>(t.primaryKey()))) {
            return t.name() + "_pkey";
        }
        for (IndexDef ix : indexesOf(t.id())) {
            if (!ix.unique() || ix.isPartial() || ix.hasExpressions() || ix.keys().size() != columns.size()) {
                continue;
            }
            java.util.Set<Integer> keys = new java.util.HashSet<>();
            ix.keys().forEach(x -> keys.add(x.columnId()));
            if (keys.equals(want)) {
                return ix.name();
            }
        }
        return null;
    }

    /** @return whether a table, view or index of that name exists in {@code schema} */
    public boolean hasRelation(String schema, String name) {
        return relationExists(schema, name);
    }

    /**
     * Adds an index of an existing table; its id must be {@link #nextObjectId()}.
     *
     * @throws SqlException 42P07 if a relation of that name exists in the schema; 42P01 if the
     *     table is not in the catalog
     */
    public Catalog createIndex(IndexDef index) {
        TableDef t = tableById(index.tableId());
        if (t == null || !t.schema().equals(index.schema())) {
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation with id " + index.tableId()
                    + " does not exist in schema " + index.schema());
        }
        if (relationExists(index.schema(), index.name())) {
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + index.name() + "\" already exists");
        }
        if (index.id() != nextObjectId) {
            throw new IllegalArgumentException("index id " + index.id() + " is not the next object id " + nextObjectId);
        }
        Map<String, IndexDef> i = ix();
        i.put(key(index.schema(), index.name()), index);
        return derive(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), i, nextObjectId + 1);
    }

    /**
     * Replaces an index by a new definition with the same id and name (re-printed expressions).
     *
     * @throws IllegalArgumentException if there is no such index
     */
    public Catalog replaceIndex(IndexDef index) {
        if (!indexes.containsKey(key(index.schema(), index.name()))
                || indexes.get(key(index.schema(), index.name())).id() != index.id()) {
            throw new IllegalArgumentException("no index " + index.name() + " with id " + index.id());
        }
        Map<String, IndexDef> i = ix();
        i.put(key(index.schema(), index.name()), index);
        return derive(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), i, nextObjectId);
    }

    /**
     * Drops an index.
     *
     * @throws SqlException 42704 {@code index "i" does not exist} (unless {@code ifExists}); 42809
     *     {@code "t" is not an index} when the name is a table or view
     */
    public Catalog dropIndex(String schema, String name, boolean ifExists) {
        if (!indexes.containsKey(key(schema, name))) {
            if (tables.containsKey(key(schema, name)) || views.containsKey(key(schema, name))) {
                throw new SqlException(WRONG_OBJECT_TYPE, "\"" + name + "\" is not an index");
            }
            if (ifExists) {
                return this;
            }
            throw new SqlException(SqlException.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
        }
        Map<String, IndexDef> i = ix();
        i.remove(key(schema, name));
        return derive(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), i, nextObjectId);
    }

    /** @return every sequence, sorted by schema and name */
    public List<SequenceDef> sequences() {
        return List.copyOf(sequences.values());
    }

    /** @return sequence {@code schema.name}, or {@code null} */
    public SequenceDef sequence(String schema, String name) {
        return sequences.get(key(schema, name));
    }

    /** @return the sequences a column of table {@code tableId} owns, in id order */
    public List<SequenceDef> sequencesOwnedBy(int tableId) {
        List<SequenceDef> out = new ArrayList<>();
        for (SequenceDef q : sequences.values()) {
            if (q.ownedByTable() == tableId) {
                out.add(q);
            }
        }
        out.sort(java.util.Comparator.comparingInt(SequenceDef::id));
        return out;
    }

    /**
     * Adds a sequence; its id must be {@link #nextObjectId()}.
     *
     * @throws SqlException 3F000 for an unknown schema, 42P07 if a relation of that name exists
     */
    public Catalog createSequence(SequenceDef sequence) {
        requireSchema(sequence.schema());
        if (relationExists(sequence.schema(), sequence.name())) {
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + sequence.name() + "\" already exists");
        }
        if (sequence.id() != nextObjectId) {
            throw new IllegalArgumentException("sequence id " + sequence.id() + " is not the next object id " + nextObjectId);
        }
        Map<String, SequenceDef> q = new TreeMap<>(sequences);
        q.put(key(sequence.schema(), sequence.name()), sequence);
        return new Catalog(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), ix(), q, nextObjectId + 1);
    }

    /**
     * Replaces a sequence by a new definition with the same id (ALTER SEQUENCE); a rename moves it.
     *
     * @throws SqlException 42P07 when a rename collides with another relation
     * @throws IllegalArgumentException if there is no sequence with that id
     */
    public Catalog replaceSequence(SequenceDef sequence) {
        SequenceDef old = null;
        for (SequenceDef q : sequences.values()) {
            if (q.id() == sequence.id()) {
                old = q;
            }
        }
        if (old == null) {
            throw new IllegalArgumentException("no sequence with id " + sequence.id());
        }
        if (!old.name().equals(sequence.name()) && relationExists(sequence.schema(), sequence.name())) {
            throw new SqlException(SqlException.DUPLICATE_TABLE, "relation \"" + sequence.name() + "\" already exists");
        }
        Map<String, SequenceDef> q = new TreeMap<>(sequences);
        q.remove(key(old.schema(), old.name()));
        q.put(key(sequence.schema(), sequence.name()), sequence);
        return new Catalog(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), ix(), q, nextObjectId);
    }

    /**
     * Drops a sequence.
     *
     * @throws SqlException 42P01 {@code sequence "s" does not exist} (unless {@code ifExists});
     *     42809 {@code "t" is not a sequence} when the name is another relation
     */
    public Catalog dropSequence(String schema, String name, boolean ifExists) {
        if (!sequences.containsKey(key(schema, name))) {
            if (relationExists(schema, name)) {
                throw new SqlException(WRONG_OBJECT_TYPE, "\"" + name + "\" is not a sequence");
            }
            if (ifExists) {
                return this;
            }
            throw new SqlException(SqlException.UNDEFINED_TABLE, "sequence \"" + name + "\" does not exist");
        }
        Map<String, SequenceDef> q = new TreeMap<>(sequences);
        q.remove(key(schema, name));
        return new Catalog(new TreeMap<>(schemas), new TreeMap<>(tables), new TreeMap<>(views), ix(), q, nextObjectId);
    }

    Map<String, Integer> schemaMap() {
        return schemas;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Catalog c && c.nextObjectId == nextObjectId && c.schemas.equals(schemas)
                && c.tables.equals(tables) && c.views.equals(views) && c.indexes.equals(indexes)
                && c.sequences.equals(sequences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemas, tables, views, indexes, sequences, nextObjectId);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("schemas=" + schemas.keySet());
        parts.add("tables=" + tables.keySet());
        parts.add("views=" + views.keySet());
        parts.add("indexes=" + indexes.keySet());
        parts.add("sequences=" + sequences.keySet());
        return "Catalog" + parts;
    }
}
