package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code [WITH ...] DELETE FROM [ONLY] table [[AS] alias] [USING ...] [WHERE ...] [RETURNING ...]}.
 *
 * @param with the WITH clause, or {@code null}
 * @param table the target table with its alias
 * @param using the USING items
 * @param where the WHERE condition, or {@code null}
 * @param returning the RETURNING list
 * @param position offset of the first token
 */
public record Delete(WithClause with, TableName table, List<TableRef> using, Expr where, List<SelectItem> returning,
        int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param with the WITH clause, or {@code null}
     * @param table the target table with its alias
     * @param using the USING items
     * @param where the WHERE condition, or {@code null}
     * @param returning the RETURNING list
     * @param position offset of the first token
     */
    public Delete {
        using = List.copyOf(using);
        returning = List.copyOf(returning);
    }
}
