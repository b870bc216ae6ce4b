package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code EXECUTE name [(arguments)]}.
 *
 * @param name the prepared statement's name
 * @param arguments the parameter values (possibly empty)
 * @param position offset of {@code EXECUTE}
 */
public record Execute(String name, List<Expr> arguments, int position) implements Statement {

    /**
     * Copies {@code arguments}.
     *
     * @param name the prepared statement's name
     * @param arguments the parameter values (possibly empty)
     * @param position offset of {@code EXECUTE}
     */
    public Execute {
        arguments = List.copyOf(arguments);
    }
}
