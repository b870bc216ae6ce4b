package dev.lodedb.engine.encoding;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.util.Objects;

/**
 * A column as the row format sees it: a stable identifier, a type, and the value that rows
 * written before the column existed read as.
 *
 * <p>The identifier is the column's slot in every row ever written: the catalog allocates ids
 * from 0 upwards in the order columns are added and never reuses one, not even after {@code DROP
 * COLUMN} (PostgreSQL's {@code attnum} works the same way). A column's type is fixed for its id:
 * {@code ALTER COLUMN ... TYPE} must rewrite the table or allocate a new id.
 *
 * <p>Immutable and thread-safe (given an immutable {@code missingValue}).
 *
 * @param id the column's stable identifier, 0..{@link RowCodec#MAX_COLUMNS}-1
 * @param type the column's type
 * @param missingValue the value a row written before the column was added reads as ({@code
 *     ADD COLUMN ... DEFAULT x} stores the constant x here, PostgreSQL's {@code attmissingval}),
 *     or {@code null}
 */
public record RowColumn(int id, DataType type, Object missingValue) {
    /**
     * @throws IllegalArgumentException if {@code id} is out of range or {@code missingValue} is
     *     not a valid value of {@code type}
     */
    public RowColumn {
        Objects.requireNonNull(type, "type");
        if (id < 0 || id >= RowCodec.MAX_COLUMNS) {
            throw new IllegalArgumentException("column id " + id + " outside 0.."
                    + (RowCodec.MAX_COLUMNS - 1));
        }
        if (missingValue != null) {
            Values.check(type, missingValue);
        }
    }

    /** @return a column whose missing value is NULL */
    public static RowColumn of(int id, DataType type) {
        return new RowColumn(id, type, null);
    }
}
