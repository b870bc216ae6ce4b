package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code [WITH ...] INSERT INTO table [AS alias] [(columns)] {VALUES ... | query | DEFAULT VALUES}
 * [ON CONFLICT ...] [RETURNING ...]}.
 *
 * @param with the WITH clause, or {@code null}
 * @param table the target table
 * @param alias the target alias, or {@code null}
 * @param columns the target columns (empty for all, in order)
 * @param query the source rows (a {@link ValuesQuery} body for VALUES), or {@code null} for DEFAULT VALUES
 * @param onConflict the ON CONFLICT clause, or {@code null}
 * @param returning the RETURNING list (empty when absent)
 * @param position offset of the first token
 */
public record Insert(WithClause with, QualifiedName table, String alias, List<String> columns, Query query,
        OnConflict onConflict, List<SelectItem> returning, int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param with the WITH clause, or {@code null}
     * @param table the target table
     * @param alias the target alias, or {@code null}
     * @param columns the target columns (empty for all, in order)
     * @param query the source rows (a {@link ValuesQuery} body for VALUES), or {@code null} for DEFAULT VALUES
     * @param onConflict the ON CONFLICT clause, or {@code null}
     * @param returning the RETURNING list (empty when absent)
     * @param position offset of the first token
     */
    public Insert {
        columns = List.copyOf(columns);
        returning = List.copyOf(returning);
    }

    /** @return whether the statement is {@code INSERT ... DEFAULT VALUES} */
    public boolean defaultValues() {
        return query == null;
    }
}
