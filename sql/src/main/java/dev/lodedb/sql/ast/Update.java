package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code [WITH ...] UPDATE [ONLY] table [[AS] alias] SET ... [FROM ...] [WHERE ...] [RETURNING ...]}.
 *
 * @param with the WITH clause, or {@code null}
 * @param table the target table with its alias
 * @param set the assignments (never empty)
 * @param from additional FROM items
 * @param where the WHERE condition, or {@code null}
 * @param returning the RETURNING list
 * @param position offset of the first token
 */
public record Update(WithClause with, TableName table, List<SetClause> set, List<TableRef> from, Expr where,
        List<SelectItem> returning, int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param with the WITH clause, or {@code null}
     * @param table the target table with its alias
     * @param set the assignments (never empty)
     * @param from additional FROM items
     * @param where the WHERE condition, or {@code null}
     * @param returning the RETURNING list
     * @param position offset of the first token
     */
    public Update {
        set = List.copyOf(set);
        from = List.copyOf(from);
        returning = List.copyOf(returning);
    }
}
