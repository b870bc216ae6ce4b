package dev.lodedb.sql.ast;

import java.util.List;

/**
 * {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [tables]} or {@code VACUUM (options) [tables]};
 * the keyword flags become options of the same names.
 *
 * @param options the options
 * @param targets the tables (empty for all)
 * @param position offset of {@code VACUUM}
 */
public record Vacuum(List<GenericOption> options, List<VacuumTarget> targets, int position) implements Statement {

    /**
     * Copies the lists.
     *
     * @param options the options
     * @param targets the tables (empty for all)
     * @param position offset of {@code VACUUM}
     */
    public Vacuum {
        options = List.copyOf(options);
        targets = List.copyOf(targets);
    }
}
