package dev.lodedb.sql.plan;

import dev.lodedb.engine.types.DataType;

/**
 * An output column of a logical plan node.
 *
 * @param name the column label
 * @param type the SQL type
 * @param tableId the table the value comes from unchanged, or 0
 * @param columnId the column id in that table, or -1
 */
public record PlanColumn(String name, DataType type, int tableId, int columnId) {
    /** @return a column computed by an expression */
    public static PlanColumn of(String name, DataType type) {
        return new PlanColumn(name, type, 0, -1);
    }

    /** @return this column under another label */
    public PlanColumn withName(String newName) {
        return new PlanColumn(newName, type, tableId, columnId);
    }
}
