package dev.lodedb.sql.ast;

/**
 * {@code DISCARD ALL | PLANS | SEQUENCES | TEMP}.
 *
 * @param target {@code all}, {@code plans}, {@code sequences} or {@code temp}
 * @param position offset of {@code DISCARD}
 */
public record Discard(String target, int position) implements Statement {
}
