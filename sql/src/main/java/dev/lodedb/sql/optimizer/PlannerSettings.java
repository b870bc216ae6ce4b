package dev.lodedb.sql.optimizer;

/**
 * The session settings that steer the planner. The access-path settings work as PostgreSQL's do: a
 * disabled plan type is not forbidden but made very expensive ({@code disable_cost}), so it is
 * still used when nothing else can run the query. Index-only scans also need {@code
 * enable_indexscan}. The rewrite settings are LodeDB's own and switch a rule off entirely (tests
 * compare the plans with and without it). Immutable.
 *
 * @param enableSeqScan {@code enable_seqscan}
 * @param enableIndexScan {@code enable_indexscan} (also covers primary-key lookups and ranges)
 * @param enableIndexOnlyScan {@code enable_indexonlyscan}
 * @param enableDecorrelation {@code enable_decorrelation}: subqueries become joins ({@link Decorrelator})
 * @param enableColumnPruning {@code enable_column_pruning}: unused columns are removed ({@link ProjectionPruner})
 * @param enableBitmapScan {@code enable_bitmapscan}: index intersections and unions ({@link BitmapPaths});
 *     independent of {@code enable_indexscan}, as in PostgreSQL
 */
public record PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan,
        boolean enableDecorrelation, boolean enableColumnPruning, boolean enableBitmapScan) {
    /** Everything enabled: PostgreSQL's defaults. */
    public static final PlannerSettings DEFAULT = new PlannerSettings(true, true, true);

    /** The access-path settings, with every rewrite enabled. */
    public PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan) {
        this(enableSeqScan, enableIndexScan, enableIndexOnlyScan, true, true, true);
    }

    /** The access-path and rewrite settings, with bitmap scans enabled. */
    public PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan,
            boolean enableDecorrelation, boolean enableColumnPruning) {
        this(enableSeqScan, enableIndexScan, enableIndexOnlyScan, enableDecorrelation, enableColumnPruning, true);
    }
}
