package dev.lodedb.engine.catalog;

import dev.lodedb.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A secondary index of a table: an ordered map from its key (columns or expressions, each
 * ascending or descending with NULLs first or last) plus the row's primary key to the row,
 * optionally with INCLUDE columns stored in the entries and a partial-index predicate. Indexes
 * share the relation namespace of their schema with tables and views, as in PostgreSQL, and refer
 * to their table and columns by id, so renaming either keeps them valid; expressions and the
 * predicate are SQL text over the table's column names (rewritten by RENAME COLUMN).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the index's object id; its entries live under this id ({@code 0x03 | id | ...})
 * @param schema the schema name (always the table's schema)
 * @param name the index name
 * @param tableId the indexed table's object id
 * @param unique whether two rows with equal, entirely non-NULL keys are refused (23505); NULLs are
 *     distinct, PostgreSQL's default
 * @param constraint whether the index implements a UNIQUE constraint (dropped with the constraint,
 *     not by DROP INDEX)
 * @param keys the key elements in significance order, at least one
 * @param include ids of the INCLUDE columns, stored in each entry's value
 * @param predicate the partial-index predicate as SQL text, or {@code null} for a full index
 */
public record IndexDef(int id, String schema, String name, int tableId, boolean unique, boolean constraint,
                       List<Key> keys, List<Integer> include, String predicate) {
    /** Most key columns an index may have (PostgreSQL's {@code INDEX_MAX_KEYS}, keys and INCLUDE together). */
    public static final int MAX_KEYS = 32;

    /**
     * One key element: a column (by id) or an expression (SQL text with its result type).
     *
     * @param columnId the column's id, or -1 for an expression
     * @param expression the expression's SQL text over the table's column names, or {@code null}
     * @param expressionType the expression's result type, or {@code null} for a column
     * @param descending whether the element sorts descending
     * @param nullsFirst whether NULL sorts before every value
     */
    public record Key(int columnId, String expression, DataType expressionType, boolean descending,
                      boolean nullsFirst) {
        /** @throws IllegalArgumentException unless exactly one of column and expression is given */
        public Key {
            if ((columnId >= 0) == (expression != null)) {
                throw new IllegalArgumentException("an index key is a column or an expression");
            }
            if (expression != null && expressionType == null) {
                throw new IllegalArgumentException("an index expression needs its type");
            }
        }

        /** @return a column key in PostgreSQL's default order ({@code ASC NULLS LAST}) */
        public static Key column(int columnId) {
            return new Key(columnId, null, null, false, false);
        }

        /** @return whether this element is an expression */
        public boolean isExpression() {
            return expression != null;
        }

        /** @return the element's type: the column's type in {@code table}, or the expression's */
        public DataType type(TableDef table) {
            if (expression != null) {
                return expressionType;
            }
            for (ColumnDef c : table.columns()) {
                if (c.id() == columnId) {
                    return c.type();
                }
            }
            throw new IllegalStateException("index key column id " + columnId + " is not in table " + table.name());
        }

        /** @return this key with another expression text (after RENAME COLUMN) */
        public Key withExpression(String sql) {
            return new Key(columnId, sql, expressionType, descending, nullsFirst);
        }
    }

    /** @throws IllegalArgumentException without keys, or with more than {@link #MAX_KEYS} columns */
    public IndexDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        keys = List.copyOf(keys);
        include = List.copyOf(include);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one key");
        }
        if (keys.size() + include.size() > MAX_KEYS) {
            throw new IllegalArgumentException("an index can have at most " + MAX_KEYS + " columns");
        }
    }

    /**
     * A hash of the identifying components only (id, table id, name): consistent with the record's
     * component-wise {@code equals} and cheap (bound indexes are cached per execution under it).
     */
    @Override
    public int hashCode() {
        return (id * 31 + tableId) * 31 + name.hashCode();
    }

    /** @return whether the index holds only the rows satisfying a predicate */
    public boolean isPartial() {
        return predicate != null;
    }

    /** @return whether some key element is an expression */
    public boolean hasExpressions() {
        for (Key k : keys) {
            if (k.isExpression()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a plain column key element or an INCLUDE column is column {@code columnId} */
    public boolean keyOrIncludeUses(int columnId) {
        if (include.contains(columnId)) {
            return true;
        }
        for (Key k : keys) {
            if (k.columnId() == columnId) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param newKeys the keys with re-printed expressions
     * @param newPredicate the re-printed predicate
     * @return this index with its SQL texts replaced (RENAME COLUMN)
     */
    public IndexDef withTexts(List<Key> newKeys, String newPredicate) {
        return new IndexDef(id, schema, name, tableId, unique, constraint, new ArrayList<>(newKeys), include,
                newPredicate);
    }

    /**
     * @param newId the new id (a bulk load's rewrite rebuilds the index under a fresh id, so its
     *     entries can be written before the catalog switches to them)
     * @return this index under id {@code newId}
     */
    public IndexDef withId(int newId) {
        return new IndexDef(newId, schema, name, tableId, unique, constraint, keys, include, predicate);
    }
}
