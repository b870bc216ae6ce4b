package dev.lodedb.sql.optimizer;

/**
 * The session settings that steer join planning, PostgreSQL's names with LodeDB's meaning. A
 * disabled join method is not forbidden but costs {@link AccessPathSelector#DISABLE_COST} more, as
 * in PostgreSQL, so it still runs a query nothing else can. Immutable.
 *
 * @param enableHashJoin {@code enable_hashjoin}
 * @param enableNestLoop {@code enable_nestloop}: index nested-loop joins and joins without an
 *     equi-join key
 * @param enableMergeJoin {@code enable_mergejoin}: merge joins ({@link OrderedMethods})
 * @param joinCollapseLimit {@code join_collapse_limit}: 1 joins the tables in the order written
 *     (the way to force a join order, as in PostgreSQL); other values do not limit the search
 * @param geqo {@code geqo}: whether large joins fall back to the greedy order
 * @param geqoThreshold {@code geqo_threshold}: with {@code geqo} on, inner joins of this many
 *     relations or more are ordered greedily instead of by dynamic programming
 */
public record JoinSettings(boolean enableHashJoin, boolean enableNestLoop, boolean enableMergeJoin,
        int joinCollapseLimit, boolean geqo, int geqoThreshold) {
    /** PostgreSQL's defaults: every method enabled, join_collapse_limit 8, geqo on at 12 relations. */
    public static final JoinSettings DEFAULT = new JoinSettings(true, true, true, 8, true, 12);

    /** Dynamic programming never plans more relations than this (3^n pairs of subsets). */
    static final int MAX_DP_RELATIONS = 12;

    /** @return whether a join of {@code n} relations is ordered by dynamic programming */
    boolean exhaustive(int n) {
        return n <= MAX_DP_RELATIONS && (!geqo || n < geqoThreshold);
    }
}
