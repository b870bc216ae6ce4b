package dev.lodedb.engine.catalog;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.encoding.RowColumn;
import dev.lodedb.engine.encoding.RowSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table: its columns in display order, its primary key, and the counters that make schema
 * changes cheap (the schema version stored in each row, the next column id). A table without a
 * primary key is stored by a hidden 64-bit row id. Immutable; every change returns a new value.
 *
 * @param id the table's object id, unique in the database
 * @param schema the schema name
 * @param name the table name
 * @param columns the live columns in display order
 * @param primaryKey ids of the primary-key columns in key order (empty: hidden row id)
 * @param schemaVersion incremented by every change of the column list
 * @param nextColumnId the id the next added column gets
 * @param storageId the key prefix its rows live under (PostgreSQL's relfilenode): the table id
 *     until a bulk load rewrites the table into new storage ({@code docs/engine/catalog.md})
 * @param checks the CHECK constraints, in creation order
 * @param foreignKeys the FOREIGN KEY constraints of this (referencing) table, in creation order
 */
public record TableDef(int id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
                       int schemaVersion, int nextColumnId, int storageId, List<CheckConstraint> checks,
                       List<ForeignKeyDef> foreignKeys) {
    /**
     * A table without FOREIGN KEY constraints.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TableDef(int id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
            int schemaVersion, int nextColumnId, int storageId, List<CheckConstraint> checks) {
        this(id, schema, name, columns, primaryKey, schemaVersion, nextColumnId, storageId, checks, List.of());
    }

    /**
     * A table without CHECK constraints.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TableDef(int id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
            int schemaVersion, int nextColumnId, int storageId) {
        this(id, schema, name, columns, primaryKey, schemaVersion, nextColumnId, storageId, List.of());
    }

    /**
     * A table whose rows live under its own id ({@code storageId == id}).
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TableDef(int id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
            int schemaVersion, int nextColumnId) {
        this(id, schema, name, columns, primaryKey, schemaVersion, nextColumnId, id);
    }

    /** @throws IllegalArgumentException on duplicate column ids, or a key naming an unknown column */
    public TableDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        checks = List.copyOf(checks);
        foreignKeys = List.copyOf(foreignKeys);
        Set<Integer> ids = new HashSet<>();
        for (ColumnDef c : columns) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate column id " + c.id() + " in table " + name);
            }
            if (c.id() >= nextColumnId) {
                throw new IllegalArgumentException("column id " + c.id() + " not below nextColumnId " + nextColumnId);
            }
        }
        for (int k : primaryKey) {
            if (!ids.contains(k)) {
                throw new IllegalArgumentException("primary key names unknown column id " + k);
            }
        }
    }

    /**
     * Builds a new table from column definitions, numbering the columns 0..n-1.
     *
     * @param primaryKeyNames names of the primary-key columns, in key order (may be empty)
     * @throws SqlException 42701 for a repeated column name, 42703 for a key column that is not
     *     defined, 54011 for more than 1,600 columns
     */
    public static TableDef create(int id, String schema, String name, List<ColumnDef> columns, List<String> primaryKeyNames) {
        if (columns.size() > 1600) {
            throw new SqlException(SqlException.TOO_MANY_COLUMNS, "tables can have at most 1600 columns");
        }
        List<ColumnDef> numbered = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = columns.get(i);
            if (!names.add(c.name())) {
                throw new SqlException(SqlException.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            }
            numbered.add(c.withId(i));
        }
        List<Integer> pk = new ArrayList<>();
        for (String k : primaryKeyNames) {
            ColumnDef c = find(numbered, k);
            if (c == null) {
                throw new SqlException(SqlException.UNDEFINED_COLUMN, "column \"" + k + "\" named in key does not exist");
            }
            pk.add(c.id());
            // PRIMARY KEY implies NOT NULL.
            numbered.set(numbered.indexOf(c), c.withNotNull(true));
        }
        return new TableDef(id, schema, name, numbered, pk, 0, numbered.size());
    }

    private static ColumnDef find(List<ColumnDef> cols, String name) {
        for (ColumnDef c : cols) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** @return the column named {@code name}, or {@code null} */
    public ColumnDef column(String columnName) {
        return find(columns, columnName);
    }

    /** @return the position of column {@code columnName} in display order, or -1 */
    public int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A hash of the identifying components only (id, storage id, schema version, name): consistent
     * with the record's component-wise {@code equals}, and cheap, where the record's own hash walks
     * every column, type and constraint. Tables key per-statement caches (row codecs, bound
     * indexes) that are looked up on every execution.
     */
    @Override
    public int hashCode() {
        return ((id * 31 + storageId) * 31 + schemaVersion) * 31 + name.hashCode();
    }

    /** @return whether rows are keyed by a hidden row id (no primary key) */
    public boolean hasHiddenRowId() {
        return primaryKey.isEmpty();
    }

    /** @return the row layout of the current schema version, for {@link dev.lodedb.engine.encoding.RowCodec} */
    public RowSchema rowSchema() {
        List<RowColumn> rc = new ArrayList<>(columns.size());
        for (ColumnDef c : columns) {
            rc.add(new RowColumn(c.id(), c.type(), c.missingValue()));
        }
        return new RowSchema(schemaVersion, rc);
    }

    /**
     * @return the table with {@code column} appended under a fresh column id
     * @throws SqlException 42701 if a column of that name exists
     */
    public TableDef addColumn(ColumnDef column) {
        if (column(column.name()) != null) {
            throw new SqlException(SqlException.DUPLICATE_COLUMN,
                    "column \"" + column.name() + "\" of relation \"" + name + "\" already exists");
        }
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.add(column.withId(nextColumnId));
        return new TableDef(id, schema, name, cols, primaryKey, schemaVersion + 1, nextColumnId + 1, storageId, checks, foreignKeys);
    }

    /**
     * @return the table without column {@code columnName} (its id is never reused)
     * @throws SqlException 42703 if there is no such column; 0A000 when it is part of the primary key
     */
    public TableDef dropColumn(String columnName) {
        ColumnDef c = requireColumn(columnName);
        if (primaryKey.contains(c.id())) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                    "cannot drop column \"" + columnName + "\" of relation \"" + name + "\": it is part of the primary key");
        }
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.remove(c);
        return new TableDef(id, schema, name, cols, primaryKey, schemaVersion + 1, nextColumnId, storageId, checks, foreignKeys);
    }

    /**
     * @return the table with column {@code from} renamed to {@code to}
     * @throws SqlException 42703 if {@code from} does not exist, 42701 if {@code to} does
     */
    public TableDef renameColumn(String from, String to) {
        ColumnDef c = requireColumn(from);
        if (column(to) != null) {
            throw new SqlException(SqlException.DUPLICATE_COLUMN,
                    "column \"" + to + "\" of relation \"" + name + "\" already exists");
        }
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.set(cols.indexOf(c), c.withName(to));
        return new TableDef(id, schema, name, cols, primaryKey, schemaVersion, nextColumnId, storageId, checks, foreignKeys);
    }

    /** @return the table under a new name */
    public TableDef rename(String newName) {
        return new TableDef(id, schema, newName, columns, primaryKey, schemaVersion, nextColumnId, storageId, checks, foreignKeys);
    }

    /** @return the table with its rows under storage id {@code newStorageId} (after a rewrite) */
    public TableDef withStorageId(int newStorageId) {
        return new TableDef(id, schema, name, columns, primaryKey, schemaVersion, nextColumnId, newStorageId, checks, foreignKeys);
    }

    /** @return the table with these CHECK constraints instead of its own */
    public TableDef withChecks(List<CheckConstraint> newChecks) {
        return new TableDef(id, schema, name, columns, primaryKey, schemaVersion, nextColumnId, storageId, newChecks, foreignKeys);
    }

    /** @return the table with these FOREIGN KEY constraints instead of its own */
    public TableDef withForeignKeys(List<ForeignKeyDef> newForeignKeys) {
        return new TableDef(id, schema, name, columns, primaryKey, schemaVersion, nextColumnId, storageId, checks,
                newForeignKeys);
    }

    /** @return the FOREIGN KEY constraint named {@code constraintName}, or {@code null} */
    public ForeignKeyDef foreignKey(String constraintName) {
        for (ForeignKeyDef k : foreignKeys) {
            if (k.name().equals(constraintName)) {
                return k;
            }
        }
        return null;
    }

    /** @return the position in display order of the column with id {@code columnId}, or -1 */
    public int positionOf(int columnId) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() == columnId) {
                return i;
            }
        }
        return -1;
    }

    /** @return the table with column {@code columnName} replaced by {@code column} (same id; no schema change) */
    public TableDef replaceColumn(String columnName, ColumnDef column) {
        ColumnDef c = requireColumn(columnName);
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.set(cols.indexOf(c), column.withId(c.id()));
        return new TableDef(id, schema, name, cols, primaryKey, schemaVersion, nextColumnId, storageId, checks, foreignKeys);
    }

    /** @return the CHECK constraint named {@code constraintName}, or {@code null} */
    public CheckConstraint check(String constraintName) {
        for (CheckConstraint k : checks) {
            if (k.name().equals(constraintName)) {
                return k;
            }
        }
        return null;
    }

    /** @throws SqlException 42703 {@code column "x" of relation "t" does not exist} */
    public ColumnDef requireColumn(String columnName) {
        ColumnDef c = column(columnName);
        if (c == null) {
            throw new SqlException(SqlException.UNDEFINED_COLUMN,
                    "column \"" + columnName + "\" of relation \"" + name + "\" does not exist");
        }
        return c;
    }
}
