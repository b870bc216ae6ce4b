package dev.lodedb.sql.ast;

/**
 * {@code x [NOT] BETWEEN [SYMMETRIC] low AND high}.
 *
 * @param expr the tested expression
 * @param low lower bound
 * @param high upper bound
 * @param negated whether {@code NOT} was written
 * @param symmetric whether {@code SYMMETRIC} was written
 * @param position offset of the tested expression
 */
public record Between(Expr expr, Expr low, Expr high, boolean negated, boolean symmetric, int position)
        implements Expr {
}
