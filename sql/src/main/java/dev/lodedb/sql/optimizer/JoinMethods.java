package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses each join's and each grouping's method on the final plan (after the access paths),
 * bottom-up, so that a method sees the order its inputs' methods return rows in ({@link
 * PlanOrder}). An INNER, LEFT, SEMI or ANTI join whose right input is a base table that an index or
 * its primary key can probe on the join's equalities ({@link IndexLookup}) may become an index
 * nested-loop join ({@link LogicalPlan.IndexJoin}), and an equi-join of any type a merge join
 * ({@link LogicalPlan.MergeJoin}, {@link OrderedMethods}), by {@link JoinEnumerator}'s formulas over
 * {@link CostEstimator}'s estimates:
 * <pre>
 *   hash join               cost(right) + rows(right) + rows(left)
 *   index nested loop       rows(left) * cost(one probe)
 *   merge join              cost(right) + 0.5 * (rows(left) + rows(right)) + sorts of unordered inputs
 * </pre>
 * (the left input's cost is the same for all), each plus {@link AccessPathSelector#DISABLE_COST}
 * when {@code enable_hashjoin} / {@code enable_nestloop} / {@code enable_mergejoin} is off; the
 * cheapest wins, the hash join on a tie. A LEFT hash join whose right input has more than
 * {@value #BUILD_SWAP_FACTOR} times the rows of its left builds on the left instead (a RIGHT join
 * of the swapped inputs). Other joins stay hash joins (or nested loops without an
 * equi-join key). The join order ({@link JoinEnumerator}) is chosen before, with hash and index
 * nested-loop joins only. A GROUP BY becomes a group aggregate when that is cheaper ({@link
 * OrderedMethods#aggregate}), and a sort whose input already returns its rows in the sort's order
 * (a merge join's, a group aggregate's, an index's or a primary key's) is dropped. Thread-safe
 * (stateless apart from its inputs).
 */
final class JoinMethods {
    private final TableStatistics stats;
    private final Catalog catalog;
    private final JoinSettings settings;
    private final boolean indexScans;
    private final OrderedMethods ordered;

    /** @param planner the planner settings ({@code enable_indexscan}: whether probing indexes and keys is enabled) */
    JoinMethods(TableStatistics stats, Catalog catalog, JoinSettings settings, PlannerSettings planner) {
        this.stats = stats;
        this.catalog = catalog;
        this.settings = settings;
        this.indexScans = planner.enableIndexScan();
        this.ordered = new OrderedMethods(settings, planner);
    }

    /** @return {@code plan} with each join's method chosen */
    LogicalPlan apply(LogicalPlan plan) {
        return visit(plan, new CostEstimator(stats));
    }

    private LogicalPlan visit(LogicalPlan p, CostEstimator estimator) {
        if (p.inputs().isEmpty()) {
            return p;
        }
        LogicalPlan q = RequiredColumns.rewriteInputs(p, RequiredColumns.all(p.columns().size()),
                (in, r) -> visit(in, estimator));
        if (q instanceof LogicalPlan.Join j) {
            return join(j, estimator);
        }
        if (q instanceof LogicalPlan.Aggregate a) {
            return ordered.aggregate(a, estimator);
        }
        if (q instanceof LogicalPlan.Sort s && PlanOrder.provides(s.input(), s.keys())) {
            return s.input();
        }
        return q;
    }

    /** @return {@code j} with the cheapest method: a hash join ({@code j}), an index nested-loop or a merge join */
    private LogicalPlan join(LogicalPlan.Join j, CostEstimator estimator) {
        boolean equi = false;
        for (BoundExpr c : PhysicalPlanner.conjuncts(j.condition())) {
            equi |= c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ;
        }
        if (!equi) {
            return j;
        }
        double hash = estimator.estimate(j.right()).total() + estimator.rows(j.right()) + estimator.rows(j.left())
                + (settings.enableHashJoin() ? 0 : AccessPathSelector.DISABLE_COST);
        LogicalPlan best = j;
        double bestCost = hash;
        OrderedMethods.Candidate nested = indexJoin(j, estimator);
        if (nested != null && nested.cost() < bestCost) {
            best = nested.plan();
            bestCost = nested.cost();
        }
        OrderedMethods.Candidate merge = ordered.mergeJoin(j, estimator);
        if (merge != null && merge.cost() < bestCost) {
            best = merge.plan();
        }
        if (best == j && j.type() == JoinType.LEFT
                && estimator.rows(j.right()) > BUILD_SWAP_FACTOR * estimator.rows(j.left())) {
            return buildOnLeft(j);
        }
        return best;
    }

    /** How many times more rows a LEFT hash join's right input must have for the join to build on its left. */
    static final double BUILD_SWAP_FACTOR = 2;

    /**
     * @return LEFT join {@code j} as a hash join that builds its table on the left (preserved) input
     *     and probes with the right: a RIGHT join of the swapped inputs (unmatched build rows come out
     *     at the end, NULL-extended), under a projection that restores the column order, as
     *     PostgreSQL's Hash Right Join does when the preserved side is the smaller one (TPC-H Q13:
     *     customers build, their orders probe)
     */
    private static LogicalPlan buildOnLeft(LogicalPlan.Join j) {
        int lw = j.left().columns().size();
        int rw = j.right().columns().size();
        int[] map = new int[lw + rw];
        for (int c = 0; c < map.length; c++) {
            map[c] = c < lw ? c + rw : c - lw;
        }
        LogicalPlan.Join swapped = new LogicalPlan.Join(JoinType.RIGHT, j.right(), j.left(),
                j.condition() == null ? null : dev.lodedb.sql.plan.ExprRewriter.remap(j.condition(), map));
        List<BoundExpr> exprs = new ArrayList<>();
        List<dev.lodedb.sql.plan.PlanColumn> cols = j.columns();
        for (int c = 0; c < cols.size(); c++) {
            exprs.add(new BoundExpr.ColumnRef(map[c], cols.get(c).type(), cols.get(c).name()));
        }
        return new LogicalPlan.Project(swapped, exprs, cols);
    }

    /**
     * @return the table scan that {@code p} is (a scan, whatever its access path, or a projection of
     *     its columns), without a key prefix, or {@code null}
     */
    private static LogicalPlan.Scan scanOf(LogicalPlan p) {
        LogicalPlan.Scan s = p instanceof LogicalPlan.Scan x ? x : p instanceof LogicalPlan.IndexScan x ? x.scan()
                : p instanceof LogicalPlan.BitmapHeapScan x ? x.scan() : null;
        if (s != null) {
            return new LogicalPlan.Scan(s.table(), s.projection(), s.filter(), s.columns());
        }
        if (!(p instanceof LogicalPlan.Project pr) || (s = scanOf(pr.input())) == null || pr.input() instanceof LogicalPlan.Project) {
            return null;
        }
        int[] map = new int[s.columns().size()];
        java.util.Arrays.fill(map, -1);
        int[] projection = new int[pr.exprs().size()];
        for (int i = 0; i < projection.length; i++) {
            if (!(pr.exprs().get(i) instanceof BoundExpr.ColumnRef r)) {
                return null;
            }
            projection[i] = s.projection()[r.index()];
            if (map[r.index()] < 0) {
                map[r.index()] = i;
            }
        }
        for (int c : PhysicalPlanner.columns(s.filter())) {
            if (map[c] < 0) {
                return null;
            }
        }
        BoundExpr filter = s.filter() == null ? null : dev.lodedb.sql.plan.ExprRewriter.remap(s.filter(), map);
        return new LogicalPlan.Scan(s.table(), projection, filter, pr.columns());
    }

    /** @return {@code j} as an index nested-loop join and its cost, or {@code null} when it cannot be one */
    private OrderedMethods.Candidate indexJoin(LogicalPlan.Join j, CostEstimator estimator) {
        if (j.type() != JoinType.INNER && j.type() != JoinType.LEFT && j.type() != JoinType.SEMI
                && j.type() != JoinType.ANTI) {
            return null;
        }
        LogicalPlan.Scan inner = scanOf(j.right());
        if (inner == null) {
            return null;
        }
        int leftWidth = j.left().columns().size();
        List<IndexLookup.KeyPair> pairs = IndexLookup.keyPairs(PhysicalPlanner.conjuncts(j.condition()),
                c -> c >= leftWidth, c -> c < leftWidth);
        if (pairs.isEmpty()) {
            return null;
        }
        List<BoundExpr> keys = new ArrayList<>();
        List<BoundExpr> outerKeys = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            IndexLookup.KeyPair pair = pairs.get(k);
            keys.add(IndexLookup.key(inner, pair.innerColumn() - leftWidth, k, pair.operandType()));
            outerKeys.add(pair.outer());
        }
        IndexLookup.Probe probe = IndexLookup.best(inner, keys, catalog, estimator, indexScans);
        if (probe == null) {
            return null;
        }
        double nested = estimator.rows(j.left()) * probe.costPerLoop()
                + (settings.enableNestLoop() ? 0 : AccessPathSelector.DISABLE_COST);
        return new OrderedMethods.Candidate(new LogicalPlan.IndexJoin(j.type(), j.left(), probe.lookup(), outerKeys,
                j.condition()), nested);
    }
}
