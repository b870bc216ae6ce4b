package dev.lodedb.sql.ast;

/**
 * {@code DEFAULT} as a value, in {@code VALUES} lists and {@code UPDATE ... SET c = DEFAULT}.
 * The parser accepts it wherever an expression may stand, as PostgreSQL does; the binder rejects
 * it elsewhere.
 *
 * @param position offset of the keyword
 */
public record DefaultExpr(int position) implements Expr {
}
