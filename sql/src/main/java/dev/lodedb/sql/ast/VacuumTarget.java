package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A table of ANALYZE or VACUUM with optional columns: {@code t (a, b)}.
 *
 * @param table the table
 * @param columns the columns (empty for all)
 * @param position offset of the table name
 */
public record VacuumTarget(QualifiedName table, List<String> columns, int position) implements Node {

    /**
     * Copies {@code columns}.
     *
     * @param table the table
     * @param columns the columns (empty for all)
     * @param position offset of the table name
     */
    public VacuumTarget {
        columns = List.copyOf(columns);
    }
}
