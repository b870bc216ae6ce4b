package dev.lodedb.sql.ast;

/**
 * A named function argument {@code name => value} (or the older {@code name := value}).
 *
 * @param name the parameter name
 * @param value the argument
 * @param position offset of the name
 */
public record NamedArgument(String name, Expr value, int position) implements Expr {
}
