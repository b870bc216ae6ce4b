package dev.lodedb.engine.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A FOREIGN KEY constraint of a table (the referencing, "child" table, on whose {@link TableDef}
 * it is stored): the child's columns, the referenced ("parent") table and its columns, and the
 * actions on DELETE and UPDATE of a referenced row. Columns and tables are named by id, so renames
 * keep it valid. MATCH SIMPLE (the default): a child row with a NULL in any referencing column is
 * not checked. MATCH FULL: a child row whose referencing columns are all NULL is not checked, one
 * with some but not all of them NULL is refused. Immutable and thread-safe.
 *
 * @param name the constraint name ({@code child_a_b_fkey} when generated, as PostgreSQL names it)
 * @param columns ids of the referencing columns of the child table, at least one
 * @param refTable the referenced table's id (the child's own id for a self-reference)
 * @param refColumns ids of the referenced columns, one per referencing column, in the same order
 * @param onDelete the action when a referenced row is deleted
 * @param onUpdate the action when a referenced key changes
 * @param matchFull whether the constraint is MATCH FULL (else MATCH SIMPLE)
 */
public record ForeignKeyDef(String name, List<Integer> columns, int refTable, List<Integer> refColumns,
                            Action onDelete, Action onUpdate, boolean matchFull) {

    /** A referential action; the JSON form is {@link #sql()} in lower case with {@code _} for blanks. */
    public enum Action {
        /** refuse at the end of the statement if a child row still references the key (the default) */
        NO_ACTION,
        /** refuse if a child row references the old key */
        RESTRICT,
        /** delete the child rows, or change their referencing columns to the new key */
        CASCADE,
        /** set the referencing columns of the child rows to NULL */
        SET_NULL,
        /** set the referencing columns of the child rows to their defaults */
        SET_DEFAULT;

        /** @return the SQL spelling: {@code NO ACTION}, {@code SET NULL}, ... */
        public String sql() {
            return name().replace('_', ' ');
        }

        /** @return the catalog's JSON spelling: {@code no_action}, {@code set_null}, ... */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param json {@link #json()} of an action
         * @return the action
         * @throws IllegalArgumentException for an unknown spelling
         */
        public static Action ofJson(String json) {
            return valueOf(json.toUpperCase(Locale.ROOT));
        }
    }

    /** @throws IllegalArgumentException without columns, or when the two column lists differ in length */
    public ForeignKeyDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(onUpdate, "onUpdate");
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        if (columns.isEmpty() || columns.size() != refColumns.size()) {
            throw new IllegalArgumentException("a foreign key needs as many referenced as referencing columns");
        }
    }

    /**
     * A MATCH SIMPLE constraint.
     *
     * @param name the constraint name
     * @param columns ids of the referencing columns of the child table, at least one
     * @param refTable the referenced table's id
     * @param refColumns ids of the referenced columns, one per referencing column
     * @param onDelete the action when a referenced row is deleted
     * @param onUpdate the action when a referenced key changes
     * @throws IllegalArgumentException without columns, or when the two column lists differ in length
     */
    public ForeignKeyDef(String name, List<Integer> columns, int refTable, List<Integer> refColumns,
            Action onDelete, Action onUpdate) {
        this(name, columns, refTable, refColumns, onDelete, onUpdate, false);
    }

    /** @return whether the constraint references table {@code tableId} */
    public boolean references(int tableId) {
        return refTable == tableId;
    }
}
