package dev.lodedb.engine.catalog;

import dev.lodedb.engine.types.DataType;
import java.util.Objects;

/**
 * A column of a table. Immutable.
 *
 * @param id the column's stable id within its table: the row slot {@link
 *     dev.lodedb.engine.encoding.RowCodec} stores it in; never reused after a drop (PostgreSQL's
 *     {@code attnum})
 * @param name the column name (already case-folded by the parser)
 * @param type the declared type
 * @param notNull whether NULL is rejected (23502)
 * @param defaultSql the DEFAULT expression as SQL text, bound when a statement uses it, or
 *     {@code null}
 * @param missingValue the value rows written before this column existed read as (ADD COLUMN with
 *     a constant default stores it here instead of rewriting the table), or {@code null}
 */
public record ColumnDef(int id, String name, DataType type, boolean notNull, String defaultSql, Object missingValue) {
    /** @throws IllegalArgumentException on a negative id or an empty name */
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (id < 0) {
            throw new IllegalArgumentException("column id must be >= 0: " + id);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    /** @return a nullable column without default */
    public static ColumnDef of(int id, String name, DataType type) {
        return new ColumnDef(id, name, type, false, null, null);
    }

    /** @return a copy with another name */
    public ColumnDef withName(String newName) {
        return new ColumnDef(id, newName, type, notNull, defaultSql, missingValue);
    }
}
