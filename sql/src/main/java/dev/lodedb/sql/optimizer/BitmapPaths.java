package dev.lodedb.sql.optimizer;

import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Index intersection and union paths for one table scan: PostgreSQL's bitmap paths
 * ({@code choose_bitmap_and} and {@code generate_bitmap_or_paths} in {@code indxpath.c}) over
 * sorted row-key sets instead of heap-page bitmaps, the access of Mohan et al., "Single Table
 * Access Using Multiple Indexes" (ICDE 1990).
 *
 * <p>For a list of conjuncts the candidates are each index's {@link IndexMatcher} match (with at
 * least one condition) and, for each conjunct that is an OR, the union of one path per arm (each
 * arm planned the same way over its own conjuncts; no union when an arm has none). Candidates are
 * ranked by the cost of a {@link LogicalPlan.BitmapHeapScan} over them alone; starting from each
 * candidate in turn, the others are added to an intersection in that order when they cover none
 * of its conjuncts and make the heap scan cheaper, and the cheapest result wins. Costs are {@link
 * CostEstimator}'s: key sources in {@code rowKeys}, fetches by {@link CostEstimator#sortedFetchCost}.
 * Not thread-safe (the estimator memoizes); one per scan choice.
 */
final class BitmapPaths {
    /** How deep ORs nested in OR arms are planned. */
    private static final int MAX_DEPTH = 3;

    /**
     * A row-key source with the conjuncts it implements.
     *
     * @param node a bitmap index scan, BitmapAnd or BitmapOr
     * @param covered the conjuncts every row it returns satisfies (by identity)
     * @param cost the cost of a bitmap heap scan over it alone
     */
    private record Path(LogicalPlan node, List<BoundExpr> covered, double cost) {
    }

    private final LogicalPlan.Scan scan;
    private final List<BoundIndex> indexes;
    private final CostEstimator estimator;

    private BitmapPaths(LogicalPlan.Scan scan, List<BoundIndex> indexes, CostEstimator estimator) {
        this.scan = scan;
        this.indexes = indexes;
        this.estimator = estimator;
    }

    /**
     * @param scan a table scan without a key prefix; its filter is what the paths serve
     * @param indexes the table's indexes, bound over it
     * @param estimator the plan's cost estimator
     * @return the cheapest intersection or union of index scans for the scan's conjuncts, or
     *     {@code null} when no two indexes (or no OR's arms) serve them together
     */
    static LogicalPlan.BitmapHeapScan best(LogicalPlan.Scan scan, List<BoundIndex> indexes, CostEstimator estimator) {
        List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(scan.filter());
        boolean anyOr = false;
        for (BoundExpr c : conjuncts) {
            anyOr |= c instanceof BoundExpr.Or;
        }
        if (indexes.isEmpty() || conjuncts.size() < 2 && !anyOr) {
            return null; // one condition without OR: at most one index serves it
        }
        Path p = new BitmapPaths(scan, indexes, estimator).and(conjuncts, 0);
        if (p == null || p.node() instanceof LogicalPlan.BitmapIndexScan) {
            return null; // one index alone is an index scan's job
        }
        List<BoundExpr> rest = RequiredColumns.without(conjuncts, p.covered());
        BoundExpr filter = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new BoundExpr.And(rest);
        return new LogicalPlan.BitmapHeapScan(scan, p.node(), p.covered(), filter);
    }

    /** @return the cheapest path for all rows satisfying {@code conjuncts}, or {@code null} */
    private Path and(List<BoundExpr> conjuncts, int depth) {
        List<Path> candidates = new ArrayList<>();
        for (BoundIndex b : indexes) {
            IndexMatcher.Match m = IndexMatcher.match(scan, b, conjuncts);
            if (m == null || m.used().isEmpty()) {
                continue;
            }
            List<BoundExpr> covered = new ArrayList<>(m.used());
            covered.addAll(m.implied());
            candidates.add(path(new LogicalPlan.BitmapIndexScan(scan, b, m.bounds(), m.used()), covered));
        }
        if (depth < MAX_DEPTH) {
            for (BoundExpr c : conjuncts) {
                if (c instanceof BoundExpr.Or o) {
                    Path union = or(o, depth + 1);
                    if (union != null) {
                        candidates.add(union);
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Path::cost));
        Path best = null;
        for (int i = 0; i < candidates.size(); i++) {
            List<LogicalPlan> chosen = new ArrayList<>();
            chosen.add(candidates.get(i).node());
            List<BoundExpr> covered = new ArrayList<>(candidates.get(i).covered());
            double cost = candidates.get(i).cost();
            for (int j = 0; j < candidates.size(); j++) {
                Path next = candidates.get(j);
                if (j == i || overlaps(covered, next.covered())) {
                    continue;
                }
                chosen.add(next.node());
                double c = heapCost(new LogicalPlan.BitmapAnd(chosen));
                if (c < cost) {
                    cost = c;
                    covered.addAll(next.covered());
                } else {
                    chosen.remove(chosen.size() - 1);
                }
            }
            Path p = chosen.size() == 1 ? candidates.get(i)
                    : new Path(new LogicalPlan.BitmapAnd(chosen), covered, cost);
            if (best == null || p.cost() < best.cost()) {
                best = p;
            }
        }
        return best;
    }

    /** @return the union of one path per arm of {@code or}, or {@code null} when an arm has none */
    private Path or(BoundExpr.Or or, int depth) {
        List<LogicalPlan> arms = new ArrayList<>();
        for (BoundExpr term : or.terms()) {
            Path arm = and(PhysicalPlanner.conjuncts(term), depth);
            if (arm == null) {
                return null;
            }
            if (arm.node() instanceof LogicalPlan.BitmapOr nested) {
                arms.addAll(nested.inputs());
            } else {
                arms.add(arm.node());
            }
        }
        return path(new LogicalPlan.BitmapOr(arms), List.of(or));
    }

    private Path path(LogicalPlan node, List<BoundExpr> covered) {
        return new Path(node, covered, heapCost(node));
    }

    private double heapCost(LogicalPlan node) {
        return estimator.estimate(new LogicalPlan.BitmapHeapScan(scan, node, List.of(), null)).total();
    }

    private static boolean overlaps(List<BoundExpr> a, List<BoundExpr> b) {
        for (BoundExpr x : b) {
            for (BoundExpr y : a) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }
}
