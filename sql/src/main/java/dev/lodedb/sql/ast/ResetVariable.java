package dev.lodedb.sql.ast;

/**
 * {@code RESET name} or {@code RESET ALL}.
 *
 * @param name the setting in lower case, or {@code "all"}
 * @param position offset of {@code RESET}
 */
public record ResetVariable(String name, int position) implements Statement {
}
