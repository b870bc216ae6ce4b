package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * How the inner table of an index nested-loop join is read once per outer row: the cheapest of a
 * primary-key lookup (or key-prefix range) and an index scan whose leading key elements the join's
 * equalities fix. A join key is written as {@code inner column = OuterRef(1, k)}, the k-th outer key
 * of the probe row, and matched like a constant by {@link Optimizer#keyPrefix} and {@link
 * IndexMatcher} together with the inner scan's own conjuncts (those without outer references or
 * subqueries: the others are evaluated after the key bounds, as filters). The cost of one probe is
 * {@link CostEstimator}'s cost of that keyed read. Thread-safe (stateless).
 */
final class IndexLookup {
    /**
     * One way of probing.
     *
     * @param lookup a {@link LogicalPlan.Scan} with a key prefix or a {@link LogicalPlan.IndexScan},
     *     its bounds reading the outer keys
     * @param costPerLoop the estimated cost of one probe
     */
    record Probe(LogicalPlan lookup, double costPerLoop) {
    }

    private IndexLookup() {
    }

    /**
     * An equality of a join condition that binds an inner column to an expression of outer columns.
     *
     * @param innerColumn the inner column's position in the condition's input
     * @param outer the outer side
     * @param operandType the type compared
     */
    record KeyPair(int innerColumn, BoundExpr outer, DataType operandType) {
    }

    /**
     * @return the conjuncts {@code inner = f(outer)} of {@code conds} whose inner side is a bare
     *     column with the compared type and whose other side reads only outer columns, of that type
     */
    static List<KeyPair> keyPairs(List<BoundExpr> conds, java.util.function.IntPredicate isInner,
            java.util.function.IntPredicate isOuter) {
        List<KeyPair> out = new ArrayList<>();
        for (BoundExpr c : conds) {
            if (!(c instanceof BoundExpr.Compare cmp) || cmp.op() != BoundExpr.CompareOp.EQ) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                BoundExpr a = side == 0 ? cmp.left() : cmp.right();
                BoundExpr b = side == 0 ? cmp.right() : cmp.left();
                java.util.Set<Integer> cols = PhysicalPlanner.columns(b);
                if (a instanceof BoundExpr.ColumnRef r && isInner.test(r.index())
                        && r.type().id() == cmp.operandType().id() && b.type().id() == cmp.operandType().id()
                        && !cols.isEmpty() && cols.stream().allMatch(isOuter::test)
                        && !ExprRewriter.any(b, x -> x instanceof BoundExpr.Subquery || x instanceof BoundExpr.OuterRef
                                || x instanceof BoundExpr.Call call && call.function().volatile_())) {
                    out.add(new KeyPair(r.index(), b, cmp.operandType()));
                    break;
                }
            }
        }
        return out;
    }

    /** @return the condition that inner output column {@code column} equals the k-th outer key */
    static BoundExpr key(LogicalPlan.Scan inner, int column, int k, DataType operandType) {
        PlanColumn c = inner.columns().get(column);
        return new BoundExpr.Compare(BoundExpr.CompareOp.EQ, new BoundExpr.ColumnRef(column, c.type(), c.name()),
                new BoundExpr.OuterRef(1, k, operandType, "$outer" + k), operandType);
    }

    /**
     * @param inner the inner table's scan (its filter is kept)
     * @param keys conditions made by {@link #key}
     * @param enabled whether index scans (and primary-key lookups) are enabled ({@code enable_indexscan}):
     *     otherwise a probe costs {@link AccessPathSelector#DISABLE_COST} more
     * @return the cheapest probe that the keys bound, or {@code null} when none of them bounds a read
     */
    static Probe best(LogicalPlan.Scan inner, List<BoundExpr> keys, Catalog catalog, CostEstimator estimator,
            boolean enabled) {
        double disabled = enabled ? 0 : AccessPathSelector.DISABLE_COST;
        LogicalPlan.Scan plain = new LogicalPlan.Scan(inner.table(), inner.projection(), inner.filter(),
                inner.columns());
        List<BoundExpr> filter = PhysicalPlanner.conjuncts(inner.filter());
        List<BoundExpr> usable = new ArrayList<>(keys);
        for (BoundExpr c : filter) {
            if (!ExprRewriter.any(c, x -> x instanceof BoundExpr.OuterRef || x instanceof BoundExpr.Subquery)) {
                usable.add(c);
            }
        }
        Probe best = null;
        List<BoundExpr> prefix = Optimizer.keyPrefix(plain, new BoundExpr.And(usable));
        if (readsKey(prefix)) {
            LogicalPlan.Scan keyed = new LogicalPlan.Scan(inner.table(), inner.projection(), inner.filter(),
                    inner.columns(), prefix);
            best = new Probe(keyed, estimator.estimate(keyed).total() + disabled);
        }
        List<IndexDef> defs = catalog == null ? List.of() : catalog.indexesOf(inner.table().id());
        for (IndexDef def : defs) {
            BoundIndex b;
            try {
                b = IndexBinder.bind(inner.table(), def);
            } catch (SqlException e) {
                continue; // a damaged definition: the DML that maintains it reports the error
            }
            IndexMatcher.Match m = IndexMatcher.match(plain, b, usable);
            if (m == null || !readsKey(m.bounds().expressions())) {
                continue;
            }
            List<BoundExpr> done = new ArrayList<>(m.used());
            done.addAll(m.implied());
            List<BoundExpr> rest = RequiredColumns.without(filter, done);
            BoundExpr residual = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new BoundExpr.And(rest);
            LogicalPlan.IndexScan scan = new LogicalPlan.IndexScan(plain, b, m.bounds(), m.used(), residual, false, 0);
            double cost = estimator.estimate(scan).total() + disabled;
            if (best == null || cost < best.costPerLoop()) {
                best = new Probe(scan, cost);
            }
        }
        return best;
    }

    /** @return whether a bound value is an outer key (the only outer references matched) */
    private static boolean readsKey(List<BoundExpr> values) {
        for (BoundExpr v : values) {
            if (ExprRewriter.any(v, x -> x instanceof BoundExpr.OuterRef)) {
                return true;
            }
        }
        return false;
    }
}
