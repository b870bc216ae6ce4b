package dev.lodedb.engine.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A view: stored as its defining query's SQL text and bound again whenever a statement uses it,
 * so it follows later changes of the tables it reads (as PostgreSQL's rewrite rules do for column
 * additions). Immutable.
 *
 * @param id the view's object id
 * @param schema the schema name
 * @param name the view name
 * @param columnNames the explicit column names of {@code CREATE VIEW v (a, b)}, or empty
 * @param sql the defining query
 */
public record ViewDef(int id, String schema, String name, List<String> columnNames, String sql) {
    /** Copies the column list. */
    public ViewDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        columnNames = List.copyOf(columnNames);
    }
}
