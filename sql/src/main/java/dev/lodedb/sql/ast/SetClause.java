package dev.lodedb.sql.ast;

import java.util.List;

/**
 * An assignment in UPDATE or ON CONFLICT DO UPDATE: {@code c = expr} or
 * {@code (a, b) = (x, y)} / {@code (a, b) = ROW(...)} / {@code (a, b) = (SELECT ...)}.
 *
 * @param columns the assigned columns (one unless {@code multiColumn})
 * @param value the value: for the multi-column form a {@link RowConstructor} or {@link ScalarSubquery}
 * @param multiColumn whether the parenthesized column-list form was written
 * @param position offset of the first column
 */
public record SetClause(List<String> columns, Expr value, boolean multiColumn, int position) implements Node {

    /**
     * Copies {@code columns}.
     *
     * @param columns the assigned columns (one unless {@code multiColumn})
     * @param value the value: for the multi-column form a {@link RowConstructor} or {@link ScalarSubquery}
     * @param multiColumn whether the parenthesized column-list form was written
     * @param position offset of the first column
     */
    public SetClause {
        columns = List.copyOf(columns);
    }
}
