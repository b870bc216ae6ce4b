package dev.lodedb.sql.session;

import dev.lodedb.engine.types.DataType;

/**
 * A column of a statement's result.
 *
 * @param name the label a client sees (alias, column name, function name, or {@code ?column?})
 * @param type the SQL type
 * @param tableId the object id of the table the column comes from directly, or 0
 * @param columnId the column id within that table, or -1
 */
public record ResultColumn(String name, DataType type, int tableId, int columnId) {
    /** @return a column computed by an expression (no source table) */
    public static ResultColumn computed(String name, DataType type) {
        return new ResultColumn(name, type, 0, -1);
    }
}
