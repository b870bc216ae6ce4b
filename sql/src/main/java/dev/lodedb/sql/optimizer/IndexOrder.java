package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.IndexBounds;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.SortKey;
import java.util.List;

/**
 * Whether an index scan returns its rows in an ORDER BY's order, so that an {@code ORDER BY ...
 * LIMIT n} can read the first n rows in index order instead of sorting the whole input
 * (PostgreSQL's {@code pathkeys} in a simple form). An index scan is ordered by its key elements,
 * then by the primary key (the entries' row suffix), also across the ranges of IN lists (they are
 * read in key order); key elements fixed by {@code =} or IS NULL are constant, so ORDER BY keys on
 * them are skipped and they need not appear. Only forward scans: DESC order needs an index
 * declared DESC. Thread-safe (stateless).
 */
final class IndexOrder {
    private IndexOrder() {
    }

    /**
     * @param keys the ORDER BY keys over the scan's output columns
     * @return whether the scan of {@code index} with {@code bounds} returns rows in that order
     */
    static boolean provides(LogicalPlan.Scan scan, BoundIndex index, IndexBounds bounds, List<SortKey> keys) {
        int n = index.keys().size();
        boolean[] constant = new boolean[n];
        for (int i = 0; i < bounds.equalities().size(); i++) {
            IndexBounds.Equality e = bounds.equalities().get(i);
            constant[i] = e.isNull() || e.values().size() == 1;
        }
        TableDef table = scan.table();
        int next = 0;
        int pk = 0;
        for (SortKey key : keys) {
            if (isConstant(scan, index, constant, key.expr())) {
                continue;
            }
            while (next < n && constant[next]) {
                next++;
            }
            if (next < n) {
                BoundExpr element = IndexMatcher.keyOverScan(scan, index, next);
                var def = index.index().keys().get(next);
                if (element == null || !IndexMatcher.same(key.expr(), element)
                        || key.descending() != def.descending() || key.nullsFirst() != def.nullsFirst()) {
                    return false;
                }
                next++;
                continue;
            }
            if (key.expr() instanceof BoundExpr.ColumnRef c && pk < table.primaryKey().size() && !key.descending()) {
                int p = scan.projection()[c.index()];
                if (p != TableScan.KEY_COLUMN && table.columns().get(p).id() == table.primaryKey().get(pk)) {
                    pk++;
                    continue;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean isConstant(LogicalPlan.Scan scan, BoundIndex index, boolean[] constant, BoundExpr e) {
        for (int i = 0; i < constant.length; i++) {
            if (constant[i]) {
                BoundExpr element = IndexMatcher.keyOverScan(scan, index, i);
                if (element != null && IndexMatcher.same(e, element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
