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
 * @param enableHashAgg {@code enable_hashagg}: hash aggregation (else a group aggregate, sorting if
 *     needed; {@link OrderedMethods})
 * @param enableSort {@code enable_sort}: the sorts the planner adds below a merge join or a group
 *     aggregate (an ORDER BY's own sort is never disabled: nothing else can order arbitrary rows)
 */
public record PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan,
        boolean enableDecorrelation, boolean enableColumnPruning, boolean enableBitmapScan, boolean enableHashAgg,
        boolean enableSort) {
    /** Everything enabled: PostgreSQL's defaults. */
    public static final PlannerSettings DEFAULT = new PlannerSettings(true, true, true);

    /** The access-path settings, with every rewrite enabled. */
    public PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan) {
        this(enableSeqScan, enableIndexScan, enableIndexOnlyScan, true, true);
    }

    /** The access-path and rewrite settings, with bitmap scans, hash aggregation and sorts enabled. */
    public PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan,
            boolean enableDecorrelation, boolean enableColumnPruning) {
        this(enableSeqScan, enableIndexScan, enableIndexOnlyScan, enableDecorrelation, enableColumnPruning, true, true,
                true);
    }
}
