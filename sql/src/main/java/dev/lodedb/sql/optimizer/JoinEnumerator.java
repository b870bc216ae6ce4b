package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders a flattened tree of inner joins by dynamic programming over the subsets of its relations
 * (the leaves), bushy trees included: each connected subset's cheapest plan is the cheapest join of
 * two disjoint, connected subsets that some condition connects (the csg-cmp pairs of Moerkotte and
 * Neumann's DPccp, "Analysis of Two Existing and One New Dynamic Programming Algorithm for the
 * Generation of Optimal Bushy Join Trees without Cross Products", VLDB 2006), enumerated here as
 * subsets in increasing order and their splits (DPsub), which visits the same pairs among others
 * at 3^n steps, cheap for the at most {@link JoinSettings#MAX_DP_RELATIONS} relations it plans.
 * Cross products are considered only when the join graph is not connected (the query has them).
 * With {@code join_collapse_limit = 1} the relations are joined in the order written instead.
 *
 * <p>Cardinalities: a subset returns the product of its relations' estimated rows and the
 * selectivities ({@link CostEstimator#joinSelectivity}: equi-joins {@code 1 / max(ndv)}, at least
 * one row per composite primary key the equalities fix) of the conditions among them, whatever the
 * order. Costs, in the access-path unit (one sequentially read row): a relation
 * costs its scan; a hash join adds one per build row and one per probe row, and builds on the
 * smaller input (the right one); a join without an equi-join key (a nested loop) adds {@value
 * #PAIR_COST} per pair of rows; an index nested-loop join, when one side is a single base table an
 * index or its primary key can probe on the join keys ({@link IndexLookup}), costs its outer input
 * plus outer rows times the cost of one probe, instead of the inner scan and the hash table. A
 * disabled method ({@link JoinSettings}) costs {@link AccessPathSelector#DISABLE_COST} more. The
 * method itself is chosen again, with the same formulas, on the final plan ({@link JoinMethods}).
 * Not thread-safe (one per join tree).
 */
final class JoinEnumerator {
    /** Cost of one pair of rows of a join without an equi-join key. */
    static final double PAIR_COST = 1.0;
    private static final int LEAF = 0;
    private static final int HASH = 1;
    private static final int INDEX = 2;
    private static final int NESTED = 3;

    /**
     * A plan of joined relations.
     *
     * @param plan the join tree
     * @param position for each column of the flattened tree, its position in the plan's output, or -1
     */
    record Ordered(LogicalPlan plan, int[] position) {
    }

    /** The cheapest plan found for one subset of the relations. */
    private static final class Entry {
        double cost;
        double card;
        int left;
        int right;
        int method;
    }

    private final List<LogicalPlan> plans;
    private final int[] offsets;
    private final double[] rows;
    private final List<BoundExpr> conds;
    private final int[] condMask;
    private final List<PlanColumn> columns;
    private final Map<Integer, Double> cards = new HashMap<>();
    private final int[] leafOf;
    private final int width;
    private final Catalog catalog;
    private final JoinSettings settings;
    private final boolean indexScans;
    private final CostEstimator estimator;
    private final Map<Integer, Entry> best = new HashMap<>();
    private final Map<String, Double> probes = new HashMap<>();

    /**
     * @param plans the relations' plans (filters pushed down)
     * @param offsets the position of each relation's first column in the flattened tree's output
     * @param rows each relation's estimated rows
     * @param conds the join conditions over the flattened tree's output (two relations or more each)
     * @param sets the relations each condition reads
     * @param leafOf the relation of each column of the flattened tree's output
     * @param columns the flattened tree's output columns
     * @param indexScans {@code enable_indexscan}: whether probing indexes and primary keys is enabled
     */
    JoinEnumerator(List<LogicalPlan> plans, int[] offsets, double[] rows, List<BoundExpr> conds, List<BitSet> sets,
            int[] leafOf, List<PlanColumn> columns, TableStatistics stats, Catalog catalog, JoinSettings settings, boolean indexScans) {
        this.plans = plans;
        this.offsets = offsets;
        this.rows = rows;
        this.conds = conds;
        this.leafOf = leafOf;
        this.width = columns.size();
        this.columns = columns;
        this.catalog = catalog;
        this.settings = settings;
        this.indexScans = indexScans;
        this.estimator = new CostEstimator(stats);
        for (LogicalPlan p : plans) {
            estimator.estimate(p); // makes the relations' tables known to the selectivities
        }
        this.condMask = new int[conds.size()];
        for (int c = 0; c < conds.size(); c++) {
            BitSet s = sets.get(c);
            for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
                condMask[c] |= 1 << i;
            }
        }
    }

    /** @return the cheapest join tree of all the relations */
    Ordered run() {
        int n = plans.size();
        for (int i = 0; i < n; i++) {
            Entry e = new Entry();
            e.cost = estimator.estimate(plans.get(i)).total();
            e.card = rows[i];
            e.method = LEAF;
            best.put(1 << i, e);
        }
        int full = (1 << n) - 1;
        if (settings.joinCollapseLimit() == 1) {
            int done = 1;
            for (int i = 1; i < n; i++) {
                consider(done | 1 << i, done, 1 << i, true);
                done |= 1 << i;
            }
        } else {
            enumerate(full, false);
            if (!best.containsKey(full)) {
                enumerate(full, true);
            }
        }
        return build(full);
    }

    private void enumerate(int full, boolean crossProducts) {
        for (int mask = 1; mask <= full; mask++) {
            if (Integer.bitCount(mask) < 2) {
                continue;
            }
            int low = mask & -mask;
            for (int sub = (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask) {
                int other = mask ^ sub;
                if ((sub & low) == 0 || !best.containsKey(sub) || !best.containsKey(other)) {
                    continue;
                }
                if (crossProducts || connected(sub, other)) {
                    consider(mask, sub, other, false);
                }
            }
        }
    }

    private boolean connected(int a, int b) {
        for (int m : condMask) {
            if ((m & ~(a | b)) == 0 && (m & a) != 0 && (m & b) != 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the estimated rows of the join of the relations in {@code mask} */
    private double card(int mask) {
        return cards.computeIfAbsent(mask, m -> {
            double r = 1;
            for (int i = 0; i < plans.size(); i++) {
                if ((m & 1 << i) != 0) {
                    r *= rows[i];
                }
            }
            List<BoundExpr> within = new ArrayList<>();
            for (int c = 0; c < conds.size(); c++) {
                if ((condMask[c] & ~m) == 0) {
                    within.add(conds.get(c));
                }
            }
            return Math.max(1, r * estimator.joinSelectivity(within, columns));
        });
    }

    /** Offers the joins of {@code a} and {@code b} (written order: {@code a} left) as plans of {@code mask}. */
    private void consider(int mask, int a, int b, boolean written) {
        Entry ea = best.get(a);
        Entry eb = best.get(b);
        double card = card(mask);
        double base = ea.cost + eb.cost;
        boolean bBuilds = written || eb.card <= ea.card;
        if (hashable(a, b)) {
            offer(mask, card, base + ea.card + eb.card + (settings.enableHashJoin() ? 0 : AccessPathSelector.DISABLE_COST),
                    bBuilds ? a : b, bBuilds ? b : a, HASH);
        } else {
            offer(mask, card, base + ea.card * eb.card * PAIR_COST
                    + (settings.enableNestLoop() ? 0 : AccessPathSelector.DISABLE_COST), bBuilds ? a : b, bBuilds ? b : a,
                    NESTED);
        }
        for (int side = 0; side < (written ? 1 : 2); side++) {
            int inner = side == 0 ? b : a;
            int outer = side == 0 ? a : b;
            if (Integer.bitCount(inner) != 1) {
                continue;
            }
            double perLoop = probeCost(Integer.numberOfTrailingZeros(inner), outer);
            if (!Double.isNaN(perLoop)) {
                Entry eo = best.get(outer);
                offer(mask, card, eo.cost + eo.card * perLoop
                        + (settings.enableNestLoop() ? 0 : AccessPathSelector.DISABLE_COST), outer, inner, INDEX);
            }
        }
    }

    private void offer(int mask, double card, double cost, int left, int right, int method) {
        Entry e = best.get(mask);
        if (e != null && e.cost <= cost) {
            return;
        }
        e = new Entry();
        e.cost = cost;
        e.card = card;
        e.left = left;
        e.right = right;
        e.method = method;
        best.put(mask, e);
    }

    /** @return whether an equality between {@code a} and {@code b} can be a hash key */
    private boolean hashable(int a, int b) {
        for (int c = 0; c < conds.size(); c++) {
            if ((condMask[c] & ~(a | b)) != 0 || !(conds.get(c) instanceof BoundExpr.Compare cmp)
                    || cmp.op() != BoundExpr.CompareOp.EQ) {
                continue;
            }
            int l = relations(cmp.left());
            int r = relations(cmp.right());
            if (l != 0 && r != 0 && ((l & ~a) == 0 && (r & ~b) == 0 || (l & ~b) == 0 && (r & ~a) == 0)) {
                return true;
            }
        }
        return false;
    }

    private int relations(BoundExpr e) {
        if (ExprRewriter.any(e, x -> x instanceof BoundExpr.Subquery)) {
            return 0;
        }
        int m = 0;
        for (int col : PhysicalPlanner.columns(e)) {
            m |= 1 << leafOf[col];
        }
        return m;
    }

    /**
     * @return the cost of probing relation {@code j} once by the join keys that the relations in
     *     {@code outer} bind, or NaN when it is not a table an index or its primary key can probe
     */
    private double probeCost(int j, int outer) {
        if (!(plans.get(j) instanceof LogicalPlan.Scan scan)) {
            return Double.NaN;
        }
        List<BoundExpr> crossing = new ArrayList<>();
        for (int c = 0; c < conds.size(); c++) {
            if ((condMask[c] & ~(outer | 1 << j)) == 0 && (condMask[c] & 1 << j) != 0) {
                crossing.add(conds.get(c));
            }
        }
        List<IndexLookup.KeyPair> pairs = IndexLookup.keyPairs(crossing, col -> leafOf[col] == j,
                col -> (outer & 1 << leafOf[col]) != 0);
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        List<BoundExpr> keys = new ArrayList<>();
        StringBuilder memo = new StringBuilder().append(j);
        for (int k = 0; k < pairs.size(); k++) {
            IndexLookup.KeyPair p = pairs.get(k);
            keys.add(IndexLookup.key(scan, p.innerColumn() - offsets[j], k, p.operandType()));
            memo.append(',').append(p.innerColumn());
        }
        return probes.computeIfAbsent(memo.toString(), x -> {
            IndexLookup.Probe probe = IndexLookup.best(scan, keys, catalog, estimator, indexScans);
            return probe == null ? Double.NaN : probe.costPerLoop();
        });
    }

    private Ordered build(int mask) {
        Entry e = best.get(mask);
        if (e.method == LEAF) {
            int j = Integer.numberOfTrailingZeros(mask);
            int[] position = new int[width];
            Arrays.fill(position, -1);
            int w = plans.get(j).columns().size();
            for (int c = 0; c < w; c++) {
                position[offsets[j] + c] = c;
            }
            return new Ordered(plans.get(j), position);
        }
        Ordered l = build(e.left);
        Ordered r = build(e.right);
        int leftWidth = l.plan().columns().size();
        int[] position = new int[width];
        for (int c = 0; c < width; c++) {
            position[c] = l.position()[c] >= 0 ? l.position()[c] : r.position()[c] >= 0 ? r.position()[c] + leftWidth : -1;
        }
        List<BoundExpr> applied = new ArrayList<>();
        for (int c = 0; c < conds.size(); c++) {
            int m = condMask[c];
            if ((m & ~mask) == 0 && (m & ~e.left) != 0 && (m & ~e.right) != 0) {
                applied.add(ExprRewriter.remap(conds.get(c), position));
            }
        }
        BoundExpr cond = applied.isEmpty() ? null : applied.size() == 1 ? applied.get(0) : new BoundExpr.And(applied);
        return new Ordered(new LogicalPlan.Join(JoinType.INNER, l.plan(), r.plan(), cond), position);
    }
}
