package dev.lodedb.sql.ast;

/**
 * An infix operator: arithmetic, comparison ({@code !=} is read as {@code <>}), any other
 * PostgreSQL operator ({@code ||}, {@code ->}, {@code @>}, ...), {@code AND}, {@code OR},
 * {@code OVERLAPS}, or a qualified {@code OPERATOR(schema.op)}.
 *
 * @param operator the operator text ({@code AND}, {@code OR}, {@code OVERLAPS} in upper case)
 * @param left left operand
 * @param right right operand
 * @param position offset of the left operand
 */
public record BinaryOp(String operator, Expr left, Expr right, int position) implements Expr {
}
