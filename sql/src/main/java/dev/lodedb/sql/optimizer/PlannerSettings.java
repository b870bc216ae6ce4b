package dev.lodedb.sql.optimizer;

/**
 * The session settings that steer access-path choice, as PostgreSQL's do: a disabled plan type is
 * not forbidden but made very expensive ({@code disable_cost}), so it is still used when nothing
 * else can run the query. Index-only scans also need {@code enable_indexscan}. Immutable.
 *
 * @param enableSeqScan {@code enable_seqscan}
 * @param enableIndexScan {@code enable_indexscan} (also covers primary-key lookups and ranges)
 * @param enableIndexOnlyScan {@code enable_indexonlyscan}
 */
public record PlannerSettings(boolean enableSeqScan, boolean enableIndexScan, boolean enableIndexOnlyScan) {
    /** Everything enabled: PostgreSQL's defaults. */
    public static final PlannerSettings DEFAULT = new PlannerSettings(true, true, true);
}
