package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT}. The special forms are
 * normalized as PostgreSQL does: {@code SET TIME ZONE x} sets {@code timezone},
 * {@code SET SCHEMA 'x'} sets {@code search_path}, {@code SET NAMES 'x'} sets
 * {@code client_encoding}. Identifier and keyword values are {@link StringLiteral}s.
 *
 * @param name the setting name in lower case (dotted for custom settings)
 * @param local whether {@code LOCAL} was written (until end of transaction)
 * @param values the value list; empty for {@code DEFAULT}
 * @param position offset of {@code SET}
 */
public record SetVariable(String name, boolean local, List<Expr> values, int position) implements Statement {

    /**
     * Copies {@code values}.
     *
     * @param name the setting name in lower case (dotted for custom settings)
     * @param local whether {@code LOCAL} was written (until end of transaction)
     * @param values the value list; empty for {@code DEFAULT}
     * @param position offset of {@code SET}
     */
    public SetVariable {
        values = List.copyOf(values);
    }

    /** @return whether the setting is reset to its default ({@code TO DEFAULT}) */
    public boolean isDefault() {
        return values.isEmpty();
    }
}
