package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.IndexBounds;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.SortKey;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Chooses how each table scan reads its table — sequential scan, primary-key lookup or range,
 * index scan, index-only scan, or an intersection or union of index scans — by a simple cost model
 * over exact row counts and, for an analyzed table, selectivities from its column statistics
 * ({@link CostEstimator}; PostgreSQL's default selectivities, {@link Selectivity}, otherwise), after
 * the rule-based rewrites (so every scan carries its pushed-down conjuncts).
 *
 * <p>An index is usable for a scan when conjuncts fix a prefix of its key elements by equality
 * ({@code key = v}, {@code key IN (v, ...)}, {@code key IS NULL}, where v is a constant, a
 * parameter, an outer reference or an uncorrelated expression of those), optionally followed by
 * one range ({@code <, <=, >, >=}, BETWEEN) on the next element ({@link IndexMatcher}); a partial
 * index only when each conjunct of its predicate is one of the scan's conjuncts (structurally). A
 * full scan of a non-partial index is a candidate too, never cheaper than the sequential scan but
 * the way left when it is disabled.
 *
 * <p>Costs, in units of one sequentially read row ({@code N} = the table's rows, {@code R} = the
 * key ranges read, {@code rows} = N times the selectivity of the index conditions, or exactly R
 * for a unique index with every key element fixed by {@code =}):
 * <pre>
 *   sequential scan   N * ROW
 *   primary key       rows * ROW                   (its rows are stored in key order)
 *   index scan        R * SEEK + rows * (ENTRY + FETCH)
 *   index-only scan   R * SEEK + rows * ENTRY      (when every column read above is in the index)
 *   bitmap heap scan  sum over its index scans of (R * SEEK + entries * ENTRY + sort of their keys)
 *                     + keys * (sorted fetch + recheck)       (an intersection or union: {@link BitmapPaths})
 * </pre>
 * with ROW = ENTRY = 1, SEEK = FETCH = 4 (an LSM seek or point get touches a few blocks); a fetch in
 * key order costs less as the keys cover more of the table ({@link CostEstimator#sortedFetchCost}).
 * A disabled plan type ({@link PlannerSettings}) adds {@link #DISABLE_COST}. The cheapest wins; on a
 * tie the plan the scan already had stays. Under {@code ORDER BY ... LIMIT k}, an index scan that
 * returns the rows in the ORDER BY's order ({@link IndexOrder}) only reads until k rows passed its
 * residual filter ({@code rows = min(rows, k / residual selectivity)}); when it wins, the sort is
 * dropped. Thread-safe (stateless apart from its inputs).
 */
final class AccessPathSelector {
    /** Cost of reading one row of a sequential or primary-key range scan. */
    static final double ROW_COST = 1.0;
    /** Cost of positioning an iterator on a key range. */
    static final double SEEK_COST = 4.0;
    /** Cost of reading one index entry. */
    static final double ENTRY_COST = 1.0;
    /** Cost of fetching one row by its key. */
    static final double FETCH_COST = 4.0;
    /** What a disabled plan type costs extra (PostgreSQL's {@code disable_cost}). */
    static final double DISABLE_COST = 1.0e10;

    private final TableStatistics stats;
    private final Catalog catalog;
    private final PlannerSettings settings;
    private final CostEstimator estimator;

    AccessPathSelector(TableStatistics stats, Catalog catalog, PlannerSettings settings) {
        this.stats = stats;
        this.estimator = new CostEstimator(stats);
        this.catalog = catalog;
        this.settings = settings;
    }

    /** @return {@code plan} with each scan's access path chosen */
    LogicalPlan apply(LogicalPlan plan) {
        return visit(plan, RequiredColumns.all(plan.columns().size()));
    }

    private LogicalPlan visit(LogicalPlan p, BitSet required) {
        if (p instanceof LogicalPlan.Scan s) {
            return choose(s, required, null).plan();
        }
        if (p instanceof LogicalPlan.Limit l) {
            LogicalPlan ordered = limitInIndexOrder(l, required);
            if (ordered != null) {
                return ordered;
            }
        }
        return RequiredColumns.rewriteInputs(p, required, this::visit);
    }

    /** The access path chosen for a scan, its cost, and whether it returns the rows in a requested order. */
    private record Choice(LogicalPlan plan, double cost, boolean ordered) {
    }

    /**
     * An ORDER BY with a constant LIMIT above a scan.
     *
     * @param keys the sort keys over the scan's output columns
     * @param rows the rows the LIMIT takes (limit plus offset)
     */
    private record Ordering(List<SortKey> keys, long rows) {
    }

    /**
     * {@code LIMIT k} over {@code ORDER BY} over (projections of) a scan: when an index returns the
     * rows in the ORDER BY's order ({@link IndexOrder}) and reading the first k of them is the
     * cheapest path, the sort is dropped and the index scan stops early.
     *
     * @return the rewritten plan, or {@code null} when the pattern does not apply or sorting wins
     */
    private LogicalPlan limitInIndexOrder(LogicalPlan.Limit l, BitSet required) {
        long k = constant(l.limit());
        long offset = l.offset() == null ? 0 : constant(l.offset());
        if (k < 0 || offset < 0) {
            return null;
        }
        LogicalPlan.Project above = null;
        LogicalPlan in = l.input();
        if (in instanceof LogicalPlan.Project p && p.input() instanceof LogicalPlan.Sort) {
            above = p;
            in = p.input();
        }
        if (!(in instanceof LogicalPlan.Sort sort)) {
            return null;
        }
        List<LogicalPlan.Project> chain = new ArrayList<>();
        LogicalPlan x = sort.input();
        while (x instanceof LogicalPlan.Project p) {
            chain.add(p);
            x = p.input();
        }
        if (!(x instanceof LogicalPlan.Scan scan)) {
            return null;
        }
        List<SortKey> keys = new ArrayList<>();
        for (SortKey key : sort.keys()) {
            BoundExpr e = key.expr();
            for (LogicalPlan.Project p : chain) {
                if (!(e instanceof BoundExpr.ColumnRef c)) {
                    return null;
                }
                e = p.exprs().get(c.index());
            }
            keys.add(new SortKey(e, key.descending(), key.nullsFirst()));
        }
        BitSet[] scanRequired = new BitSet[1];
        RequiredColumns.rewriteInputs(l, required, new java.util.function.BiFunction<>() {
            @Override
            public LogicalPlan apply(LogicalPlan c, BitSet r) {
                if (c == scan) {
                    scanRequired[0] = r;
                    return c;
                }
                return RequiredColumns.rewriteInputs(c, r, this);
            }
        });
        Choice choice = choose(scan, scanRequired[0], new Ordering(keys, k + offset));
        if (!choice.ordered()) {
            return null;
        }
        LogicalPlan out = choice.plan();
        for (int i = chain.size() - 1; i >= 0; i--) {
            out = new LogicalPlan.Project(out, chain.get(i).exprs(), chain.get(i).columns());
        }
        if (above != null) {
            out = new LogicalPlan.Project(out, above.exprs(), above.columns());
        }
        return new LogicalPlan.Limit(out, l.limit(), l.offset());
    }

    /** @return the value of a constant integer expression, or -1 */
    private static long constant(BoundExpr e) {
        return e instanceof BoundExpr.Constant c && c.value() instanceof Number v && v.longValue() >= 0
                ? v.longValue() : -1;
    }

    private Choice choose(LogicalPlan.Scan s, BitSet required, Ordering order) {
        TableDef table = s.table();
        List<IndexDef> defs = catalog == null ? List.of() : catalog.indexesOf(table.id());
        if (defs.isEmpty() && settings.enableSeqScan() && settings.enableIndexScan()
                && settings.enableIndexOnlyScan()) {
            return new Choice(s, 0, false);
        }
        double n = Math.max(1, stats.rowCount(table));
        LogicalPlan.Scan seq = new LogicalPlan.Scan(table, s.projection(), s.filter(), s.columns());
        LogicalPlan best = seq;
        boolean bestOrdered = false;
        double bestCost = n * ROW_COST + (settings.enableSeqScan() ? 0 : DISABLE_COST);
        if (!s.keyPrefix().isEmpty() || s.keyRange() != null) {
            double rows = estimator.keyPrefixRows(s, n);
            if (s.keyRange() != null) {
                rows = Math.max(1, rows * estimator.selectivity(s, s.keyRange().conditions()));
            }
            double cost = SEEK_COST + rows * ROW_COST + (settings.enableIndexScan() ? 0 : DISABLE_COST);
            if (cost <= bestCost) {
                best = s;
                bestCost = cost;
            }
        }
        List<SortKey> orderKeys = order == null ? null : order.keys();
        List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(s.filter());
        List<BoundIndex> bound = new ArrayList<>();
        for (IndexDef def : defs) {
            BoundIndex b;
            try {
                b = IndexBinder.bind(table, def);
            } catch (SqlException e) {
                continue; // a damaged definition: the DML that maintains it reports the error
            }
            bound.add(b);
            IndexMatcher.Match m = IndexMatcher.match(s, b, conjuncts);
            if (m == null) {
                continue;
            }
            double rows = rows(s, b, m, n);
            double seeks = m.bounds().rangeCount() * SEEK_COST;
            List<BoundExpr> done = new ArrayList<>(m.used());
            done.addAll(m.implied());
            List<BoundExpr> rest = RequiredColumns.without(conjuncts, done);
            BoundExpr residual = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new BoundExpr.And(rest);
            boolean ordered = orderKeys != null && IndexOrder.provides(s, b, m.bounds(), orderKeys);
            long hint = 0;
            if (ordered) {
                // in order, the scan stops after the LIMIT's rows have passed the residual filter
                double pass = 1;
                pass = estimator.selectivity(s, rest);
                rows = Math.min(rows, Math.max(1, order.rows()) / pass);
                hint = rest.isEmpty() ? order.rows() : 0;
            }
            double indexCost = seeks + rows * (ENTRY_COST + FETCH_COST) + (settings.enableIndexScan() ? 0 : DISABLE_COST);
            if (indexCost < bestCost) {
                best = new LogicalPlan.IndexScan(seq, b, m.bounds(), m.used(), residual, false, hint);
                bestCost = indexCost;
                bestOrdered = ordered;
            }
            if (coversRequired(s, b, required, residual)) {
                double onlyCost = seeks + rows * ENTRY_COST
                        + (settings.enableIndexScan() && settings.enableIndexOnlyScan() ? 0 : DISABLE_COST);
                if (onlyCost < bestCost) {
                    best = new LogicalPlan.IndexScan(seq, b, m.bounds(), m.used(), residual, true, hint);
                    bestCost = onlyCost;
                    bestOrdered = ordered;
                }
            }
        }
        LogicalPlan.BitmapHeapScan bitmap = BitmapPaths.best(seq, bound, estimator);
        if (bitmap != null) {
            double cost = estimator.estimate(bitmap).total() + (settings.enableBitmapScan() ? 0 : DISABLE_COST);
            if (cost < bestCost) {
                best = bitmap;
                bestCost = cost;
                bestOrdered = false;
            }
        }
        return new Choice(best, bestCost, bestOrdered);
    }

    /** @return the estimated entries an index scan reads */
    private double rows(LogicalPlan.Scan s, BoundIndex b, IndexMatcher.Match m, double n) {
        IndexBounds bounds = m.bounds();
        boolean allEqual = bounds.equalities().size() == b.keys().size() && !bounds.hasRange();
        for (IndexBounds.Equality e : bounds.equalities()) {
            allEqual &= !e.isNull();
        }
        if (b.index().unique() && allEqual) {
            return Math.min(n, bounds.rangeCount());
        }
        if (stats.columns(s.table()) != null) {
            List<BoundExpr> conditions = new ArrayList<>(m.used());
            conditions.addAll(m.implied());
            return Math.max(1, n * estimator.selectivity(s, conditions));
        }
        double sel = 1;
        for (IndexBounds.Equality e : bounds.equalities()) {
            sel *= e.isNull() ? Selectivity.IS_NULL : Math.min(1, e.values().size() * Selectivity.EQUALITY);
        }
        if (bounds.hasRange()) {
            sel *= bounds.lower() != null && bounds.upper() != null ? Selectivity.CLOSED_RANGE : Selectivity.OPEN_RANGE;
        }
        for (BoundExpr p : m.implied()) {
            sel *= Selectivity.of(p);
        }
        return Math.max(1, n * sel);
    }

    /**
     * @return whether every output column read above the scan or by the residual filter is one the
     *     index returns: a plain key column, an INCLUDE column, a primary-key column or the row key
     */
    private static boolean coversRequired(LogicalPlan.Scan s, BoundIndex b, BitSet required, BoundExpr residual) {
        BitSet need = (BitSet) required.clone();
        int width = s.columns().size();
        RequiredColumns.add(need, residual, width);
        TableDef t = s.table();
        for (int j = need.nextSetBit(0); j >= 0 && j < width; j = need.nextSetBit(j + 1)) {
            int p = s.projection()[j];
            if (p == TableScan.KEY_COLUMN) {
                continue;
            }
            int id = t.columns().get(p).id();
            if (!b.index().keyOrIncludeUses(id) && !t.primaryKey().contains(id)) {
                return false;
            }
        }
        return true;
    }
}
