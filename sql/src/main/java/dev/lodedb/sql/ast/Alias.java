package dev.lodedb.sql.ast;

import java.util.List;

/**
 * A table alias with optional column aliases: {@code AS t(a, b)}.
 *
 * @param name the alias
 * @param columns column aliases (possibly empty)
 * @param position offset of the alias name
 */
public record Alias(String name, List<String> columns, int position) implements Node {

    /**
     * Copies {@code columns}.
     *
     * @param name the alias
     * @param columns column aliases (possibly empty)
     * @param position offset of the alias name
     */
    public Alias {
        columns = List.copyOf(columns);
    }
}
