package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code ANALYZE [VERBOSE] [table [(columns)], ...]} or {@code ANALYZE (options) ...};
 * {@code VERBOSE} becomes the option {@code verbose}.
 *
 * @param options the options
 * @param targets the tables (empty for all)
 * @param position offset of {@code ANALYZE}
 */
public record Analyze(List<GenericOption> options, List<VacuumTarget> targets, int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param options the options
     * @param targets the tables (empty for all)
     * @param position offset of {@code ANALYZE}
     */
    public Analyze {
        options = List.copyOf(options);
        targets = List.copyOf(targets);
    }
}
