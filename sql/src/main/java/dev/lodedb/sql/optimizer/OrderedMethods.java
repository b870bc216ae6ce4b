package dev.lodedb.sql.optimizer;

import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods that use the order of their inputs ({@link PlanOrder}): the merge join for an
 * equi-join and the group aggregate for a GROUP BY, each offered with its cost so that {@link
 * JoinMethods} chooses it only where it is cheaper than the hash-based method (PostgreSQL's
 * {@code enable_mergejoin}, {@code enable_hashagg} and {@code enable_sort} add {@link
 * AccessPathSelector#DISABLE_COST} to the disabled choice, as in PostgreSQL).
 *
 * <p>Merge join. The merge keys are the join's equalities between a column of each input of the
 * same {@link PlanOrder#orderable} type. The inputs are used as they come when both are ordered on
 * the same leading keys; otherwise a {@link LogicalPlan.Sort} on the keys is put below one input
 * (the other ordered) or both. In the unit of {@link JoinMethods} (whose hash join costs the right
 * input plus one per row of either input, the left input being the same for every method):
 * <pre>
 *   merge join   cost(right) + MERGE_ROW_COST * (rows(left) + rows(right)) + sort(each sorted input)
 *   sort(n)      n + 2 * OPERATOR_COST * n * log2(n)      (every row stored, then compared)
 * </pre>
 * so two ordered inputs always merge (no hash table), an ordered input of n rows merges with a
 * sorted input of m rows when {@code m * (1 + 0.2 * log2 m) < n}, and two unordered inputs hash.
 *
 * <p>Group aggregate. A GROUP BY whose keys (of orderable types, without volatile calls or
 * subqueries) are the leading keys of its input's order, in any order of the keys, becomes a
 * {@link LogicalPlan.GroupAggregate} when {@link CostEstimator} finds it cheaper than the hash
 * aggregate (on ordered input it is: no hash table); with unordered input it needs a sort below it,
 * which costs more than the hash table unless {@code enable_hashagg} is off. Thread-safe
 * (stateless apart from its settings).
 */
final class OrderedMethods {
    /** Cost of one input row of a merge join (one key comparison, no hash table), in {@link JoinMethods}'s unit. */
    static final double MERGE_ROW_COST = 0.5;

    private final JoinSettings joins;
    private final PlannerSettings planner;

    OrderedMethods(JoinSettings joins, PlannerSettings planner) {
        this.joins = joins;
        this.planner = planner;
    }

    /**
     * A merge join and its cost.
     *
     * @param plan the merge join, with the sorts it needs below it
     * @param cost its cost in {@link JoinMethods}'s unit
     */
    record Candidate(LogicalPlan plan, double cost) {
    }

    /** A merge key: an equality conjunct between a left column and a right column (over left ++ right). */
    private record Pair(BoundExpr conjunct, BoundExpr.ColumnRef left, BoundExpr.ColumnRef right) {
    }

    /** @return the cheapest merge join of {@code j}, or {@code null} when it has no merge key */
    Candidate mergeJoin(LogicalPlan.Join j, CostEstimator estimator) {
        int leftWidth = j.left().columns().size();
        List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(j.condition());
        List<Pair> pairs = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            if (c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ
                    && cmp.left() instanceof BoundExpr.ColumnRef a && cmp.right() instanceof BoundExpr.ColumnRef b
                    && a.type().id() == b.type().id() && PlanOrder.orderable(a.type())
                    && (a.index() < leftWidth) != (b.index() < leftWidth)) {
                BoundExpr.ColumnRef l = a.index() < leftWidth ? a : b;
                BoundExpr.ColumnRef r = a.index() < leftWidth ? b : a;
                pairs.add(new Pair(c, l, (BoundExpr.ColumnRef) ExprRewriter.shift(r, -leftWidth)));
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        List<PlanOrder.Key> leftOrder = PlanOrder.of(j.left());
        List<PlanOrder.Key> rightOrder = PlanOrder.of(j.right());
        double leftRows = estimator.rows(j.left());
        double rightRows = estimator.rows(j.right());
        double base = estimator.estimate(j.right()).total() + MERGE_ROW_COST * (leftRows + rightRows)
                + (joins.enableMergeJoin() ? 0 : AccessPathSelector.DISABLE_COST);
        Candidate best = null;
        List<Pair> both = matching(leftOrder, rightOrder, pairs);
        if (!both.isEmpty()) {
            best = cheaper(best, j, conjuncts, both, false, false, base);
        }
        List<Pair> byLeft = matching(leftOrder, null, pairs);
        if (!byLeft.isEmpty()) {
            best = cheaper(best, j, conjuncts, byLeft, false, true, base + sort(rightRows));
        }
        List<Pair> byRight = matching(null, rightOrder, pairs);
        if (!byRight.isEmpty()) {
            best = cheaper(best, j, conjuncts, byRight, true, false, base + sort(leftRows));
        }
        return cheaper(best, j, conjuncts, pairs, true, true, base + sort(leftRows) + sort(rightRows));
    }

    /** @return the cost of sorting {@code n} rows for a merge join, {@code enable_sort} included */
    private double sort(double n) {
        return n + CostEstimator.sortCost(n) + (planner.enableSort() ? 0 : AccessPathSelector.DISABLE_COST);
    }

    /**
     * @return the leading pairs whose left columns are the leading keys of {@code leftOrder} and
     *     whose right columns are those of {@code rightOrder}, in that order ({@code null}: either order)
     */
    private static List<Pair> matching(List<PlanOrder.Key> leftOrder, List<PlanOrder.Key> rightOrder,
            List<Pair> pairs) {
        List<Pair> out = new ArrayList<>();
        int n = Math.min(leftOrder == null ? pairs.size() : leftOrder.size(),
                rightOrder == null ? pairs.size() : rightOrder.size());
        for (int i = 0; i < n; i++) {
            Pair found = null;
            for (Pair p : pairs) {
                if (!out.contains(p) && (leftOrder == null || leftOrder.get(i).matches(p.left()))
                        && (rightOrder == null || rightOrder.get(i).matches(p.right()))) {
                    found = p;
                    break;
                }
            }
            if (found == null) {
                break;
            }
            out.add(found);
        }
        return out;
    }

    private static Candidate cheaper(Candidate best, LogicalPlan.Join j, List<BoundExpr> conjuncts, List<Pair> keys,
            boolean sortLeft, boolean sortRight, double cost) {
        if (best != null && best.cost() <= cost) {
            return best;
        }
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> used = new ArrayList<>();
        for (Pair p : keys) {
            leftKeys.add(p.left());
            rightKeys.add(p.right());
            used.add(p.conjunct());
        }
        List<BoundExpr> rest = RequiredColumns.without(conjuncts, used);
        BoundExpr residual = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new BoundExpr.And(rest);
        LogicalPlan left = sortLeft ? sorted(j.left(), leftKeys) : j.left();
        LogicalPlan right = sortRight ? sorted(j.right(), rightKeys) : j.right();
        return new Candidate(new LogicalPlan.MergeJoin(j.type(), left, right, leftKeys, rightKeys, residual), cost);
    }

    /** @return {@code input} sorted ascending on {@code keys}, NULLs last */
    private static LogicalPlan sorted(LogicalPlan input, List<BoundExpr> keys) {
        List<SortKey> sortKeys = new ArrayList<>();
        for (BoundExpr k : keys) {
            sortKeys.add(new SortKey(k, false, false));
        }
        return new LogicalPlan.Sort(input, sortKeys);
    }

    /** @return {@code a} as a group aggregate when that is cheaper, else {@code a} */
    LogicalPlan aggregate(LogicalPlan.Aggregate a, CostEstimator estimator) {
        if (a.groupKeys().isEmpty()) {
            return a;
        }
        for (BoundExpr k : a.groupKeys()) {
            if (!PlanOrder.orderable(k.type()) || ExprRewriter.any(k, x -> x instanceof BoundExpr.Subquery
                    || x instanceof BoundExpr.Call c && c.function().volatile_())) {
                return a;
            }
        }
        double hash = estimator.estimate(a).total() + (planner.enableHashAgg() ? 0 : AccessPathSelector.DISABLE_COST);
        boolean ordered = grouped(PlanOrder.of(a.input()), a.groupKeys());
        LogicalPlan.GroupAggregate group = new LogicalPlan.GroupAggregate(ordered ? a : new LogicalPlan.Aggregate(
                sorted(a.input(), a.groupKeys()), a.groupKeys(), a.aggregates(), a.columns()));
        double cost = estimator.estimate(group).total()
                + (ordered || planner.enableSort() ? 0 : AccessPathSelector.DISABLE_COST);
        return cost < hash ? group : a;
    }

    /** @return whether the leading keys of {@code order} are the group keys, in any order */
    private static boolean grouped(List<PlanOrder.Key> order, List<BoundExpr> keys) {
        if (order.size() < keys.size()) {
            return false;
        }
        boolean[] seen = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            int found = -1;
            for (int k = 0; k < keys.size() && found < 0; k++) {
                found = !seen[k] && order.get(i).matches(keys.get(k)) ? k : -1;
            }
            if (found < 0) {
                return false;
            }
            seen[found] = true;
        }
        return true;
    }
}
