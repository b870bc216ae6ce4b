package dev.lodedb.sql.ast;

/**
 * {@code CAST(x AS type)} or {@code x::type}.
 *
 * @param expr the operand
 * @param type the target type
 * @param position offset of {@code CAST} or of the operand
 */
public record Cast(Expr expr, TypeName type, int position) implements Expr {
}
