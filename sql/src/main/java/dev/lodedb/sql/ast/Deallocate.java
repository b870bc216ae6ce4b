package dev.lodedb.sql.ast;

/**
 * {@code DEALLOCATE [PREPARE] name | ALL}.
 *
 * @param name the prepared statement's name, or {@code null} for ALL
 * @param position offset of {@code DEALLOCATE}
 */
public record Deallocate(String name, int position) implements Statement {
}
