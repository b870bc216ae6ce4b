package dev.lodedb.sql.ast;

/**
 * One entry of a select list or RETURNING list: {@code expr [[AS] alias]}, or a {@link Star}.
 *
 * @param expr the expression
 * @param alias the alias, or {@code null}
 * @param position offset of the expression
 */
public record SelectItem(Expr expr, String alias, int position) implements Node {
}
