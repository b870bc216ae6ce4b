package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name (column definitions and table
 * constraints)}.
 *
 * @param name the table name
 * @param persistence TEMP / UNLOGGED / permanent
 * @param ifNotExists whether {@code IF NOT EXISTS} was written
 * @param columns the column definitions
 * @param constraints the table constraints
 * @param position offset of {@code CREATE}
 */
public record CreateTable(QualifiedName name, Persistence persistence, boolean ifNotExists, List<ColumnDef> columns,
        List<Constraint> constraints, int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param name the table name
     * @param persistence TEMP / UNLOGGED / permanent
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param columns the column definitions
     * @param constraints the table constraints
     * @param position offset of {@code CREATE}
     */
    public CreateTable {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }
}
