package dev.lodedb.sql.ast;

/**
 * {@code SHOW name} or {@code SHOW ALL} ({@code TIME ZONE} reads {@code timezone},
 * {@code TRANSACTION ISOLATION LEVEL} reads {@code transaction_isolation}).
 *
 * @param name the setting in lower case, or {@code "all"}
 * @param position offset of {@code SHOW}
 */
public record ShowVariable(String name, int position) implements Statement {
}
