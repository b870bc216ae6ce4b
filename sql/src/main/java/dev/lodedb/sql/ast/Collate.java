package dev.lodedb.sql.ast;

/**
 * {@code expr COLLATE collation}.
 *
 * @param expr the operand
 * @param collation the collation name
 * @param position offset of the operand
 */
public record Collate(Expr expr, QualifiedName collation, int position) implements Expr {
}
