package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code x [NOT] IN (a, b, ...)}.
 *
 * @param expr the tested expression
 * @param values the list (never empty)
 * @param negated whether {@code NOT} was written
 * @param position offset of the tested expression
 */
public record InList(Expr expr, List<Expr> values, boolean negated, int position) implements Expr {

    /**
     * Copies {@code values}.
     *
     * @param expr the tested expression
     * @param values the list (never empty)
     * @param negated whether {@code NOT} was written
     * @param position offset of the tested expression
     */
    public InList {
        values = List.copyOf(values);
    }
}
