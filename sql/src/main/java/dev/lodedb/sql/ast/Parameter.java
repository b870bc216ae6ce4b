package dev.lodedb.sql.ast;

/**
 * A positional parameter {@code $n}.
 *
 * @param index the 1-based parameter number
 * @param position offset of the {@code $}
 */
public record Parameter(int index, int position) implements Expr {
}
