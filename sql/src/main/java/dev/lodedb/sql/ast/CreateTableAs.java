package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name [(columns)] AS query [WITH [NO] DATA]}.
 *
 * @param name the table name
 * @param persistence TEMP / UNLOGGED / permanent
 * @param ifNotExists whether {@code IF NOT EXISTS} was written
 * @param columns column names overriding the query's (possibly empty)
 * @param query the query
 * @param withData {@code false} for {@code WITH NO DATA}
 * @param position offset of {@code CREATE}
 */
public record CreateTableAs(QualifiedName name, Persistence persistence, boolean ifNotExists, List<String> columns,
        Query query, boolean withData, int position) implements Statement {

    /**
     * Copies {@code columns}.
     *
     * @param name the table name
     * @param persistence TEMP / UNLOGGED / permanent
     * @param ifNotExists whether {@code IF NOT EXISTS} was written
     * @param columns column names overriding the query's (possibly empty)
     * @param query the query
     * @param withData {@code false} for {@code WITH NO DATA}
     * @param position offset of {@code CREATE}
     */
    public CreateTableAs {
        columns = List.copyOf(columns);
    }
}
