package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A row value: {@code ROW(a, b)} or {@code (a, b)}.
 *
 * @param fields the field values
 * @param explicitRow whether the {@code ROW} keyword was written
 * @param position offset of {@code ROW} or of the opening parenthesis
 */
public record RowConstructor(List<Expr> fields, boolean explicitRow, int position) implements Expr {

    /**
     * Copies {@code fields}.
     *
     * @param fields the field values
     * @param explicitRow whether the {@code ROW} keyword was written
     * @param position offset of {@code ROW} or of the opening parenthesis
     */
    public RowConstructor {
        fields = List.copyOf(fields);
    }
}
