package dev.lodedb.engine.encoding;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table's row layout at one schema version: its live columns in the table's column order. The
 * catalog increments {@code version} on every change (ADD/DROP COLUMN); each row records the
 * version it was written with (see {@link RowCodec}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the schema version, >= 0
 * @param columns the live columns, in the order values are passed to and returned by {@link
 *     RowCodec}; ids are unique but need not be sorted or dense (dropped ids leave holes)
 */
public record RowSchema(int version, List<RowColumn> columns) {
    /** @throws IllegalArgumentException for a negative version or duplicate column ids */
    public RowSchema {
        if (version < 0) {
            throw new IllegalArgumentException("schema version must be >= 0: " + version);
        }
        columns = List.copyOf(columns);
        Set<Integer> ids = new HashSet<>();
        for (RowColumn c : columns) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate column id " + c.id());
            }
        }
    }

    /** @return the number of live columns */
    public int size() {
        return columns.size();
    }

    /** @return one past the largest column id, the number of slots a row of this schema has */
    public int slotCount() {
        int max = -1;
        for (RowColumn c : columns) {
            max = Math.max(max, c.id());
        }
        return max + 1;
    }
}
