package dev.lodedb.engine.catalog;

import java.util.Objects;

/**
 * A CHECK constraint of a table: a boolean expression over the table's columns that every row
 * written must not make false (NULL passes, as in SQL). The expression is stored as SQL text
 * naming columns unqualified and bound when a statement writes the table. Immutable.
 *
 * @param name the constraint name, unique among the table's constraints ({@code t_a_check},
 *     {@code t_check} when generated, as PostgreSQL names them)
 * @param sql the expression as SQL text
 */
public record CheckConstraint(String name, String sql) {
    /** @throws NullPointerException on a null name or text */
    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }
}
