package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code PREPARE name [(types)] AS statement}.
 *
 * @param name the prepared statement's name
 * @param parameterTypes declared parameter types (possibly empty)
 * @param statement the statement (a query or DML)
 * @param position offset of {@code PREPARE}
 */
public record Prepare(String name, List<TypeName> parameterTypes, Statement statement, int position)
        implements Statement {

    /**
     * Copies {@code parameterTypes}.
     *
     * @param name the prepared statement's name
     * @param parameterTypes declared parameter types (possibly empty)
     * @param statement the statement (a query or DML)
     * @param position offset of {@code PREPARE}
     */
    public Prepare {
        parameterTypes = List.copyOf(parameterTypes);
    }
}
