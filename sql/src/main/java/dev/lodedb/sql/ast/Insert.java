package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code [WITH ...] INSERT INTO table [AS alias] [(columns)] [OVERRIDING {SYSTEM | USER} VALUE]
 * {VALUES ... | query | DEFAULT VALUES} [ON CONFLICT ...] [RETURNING ...]}.
 *
 * @param with the WITH clause, or {@code null}
 * @param table the target table
 * @param alias the target alias, or {@code null}
 * @param columns the target columns (empty for all, in order)
 * @param query the source rows (a {@link ValuesQuery} body for VALUES), or {@code null} for DEFAULT VALUES
 * @param onConflict the ON CONFLICT clause, or {@code null}
 * @param returning the RETURNING list (empty when absent)
 * @param overriding the OVERRIDING clause, or {@code null} when not written
 * @param position offset of the first token
 */
public record Insert(WithClause with, QualifiedName table, String alias, List<String> columns, Query query,
        OnConflict onConflict, List<SelectItem> returning, Overriding overriding, int position) implements Statement {

    /** {@code OVERRIDING SYSTEM VALUE} or {@code OVERRIDING USER VALUE}. */
    public enum Overriding {
        /** explicit values replace the identity columns' generated ones, also for GENERATED ALWAYS */
        SYSTEM,
        /** explicit values for identity columns are ignored: the columns get their generated values */
        USER
    }

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
     * @param overriding the OVERRIDING clause, or {@code null} when not written
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
