package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}: searched when {@code operand} is
 * {@code null}, simple otherwise.
 *
 * @param operand the simple-case operand, or {@code null}
 * @param whens the WHEN clauses (never empty)
 * @param elseResult the ELSE result, or {@code null}
 * @param position offset of {@code CASE}
 */
public record CaseExpr(Expr operand, List<When> whens, Expr elseResult, int position) implements Expr {

    /**
     * Copies {@code whens}.
     *
     * @param operand the simple-case operand, or {@code null}
     * @param whens the WHEN clauses (never empty)
     * @param elseResult the ELSE result, or {@code null}
     * @param position offset of {@code CASE}
     */
    public CaseExpr {
        whens = List.copyOf(whens);
    }

    /**
     * One {@code WHEN condition THEN result}.
     *
     * @param condition the condition (or the value compared with the operand)
     * @param result the result
     * @param position offset of {@code WHEN}
     */
    public record When(Expr condition, Expr result, int position) implements Node {
    }
}
