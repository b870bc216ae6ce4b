package dev.lodedb.sql.ast;

/**
 * {@code name AS (spec)} in a WINDOW clause.
 *
 * @param name the window name
 * @param spec the specification
 * @param position offset of the name
 */
public record WindowDefinition(String name, WindowSpec spec, int position) implements Node {
}
