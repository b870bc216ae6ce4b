package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code EXPLAIN [ANALYZE] [VERBOSE] statement} or {@code EXPLAIN (option [value], ...) statement};
 * the keyword forms become options {@code analyze} and {@code verbose}.
 *
 * @param statement the explained statement
 * @param options the options in written order
 * @param position offset of {@code EXPLAIN}
 */
public record Explain(Statement statement, List<GenericOption> options, int position) implements Statement {

    /**
     * Copies {@code options}.
     *
     * @param statement the explained statement
     * @param options the options in written order
     * @param position offset of {@code EXPLAIN}
     */
    public Explain {
        options = List.copyOf(options);
    }
}
