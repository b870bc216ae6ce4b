package dev.lodedb.sql.ast;

/**
 * A prefix operator: {@code -x}, {@code +x}, {@code ~x}, {@code NOT x} (operator text
 * {@code "NOT"}), or a qualified {@code OPERATOR(schema.op) x}.
 *
 * @param operator the operator text
 * @param operand the operand
 * @param position offset of the operator
 */
public record UnaryOp(String operator, Expr operand, int position) implements Expr {
}
