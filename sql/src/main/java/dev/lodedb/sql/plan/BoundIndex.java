package dev.lodedb.sql.plan;

import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An index with its key elements and predicate bound over its table's columns: a {@link
 * BoundExpr.ColumnRef} {@code i} is {@code table.columns().get(i)}. What the DML executor
 * evaluates to maintain entries, what the index build evaluates, and what the planner matches
 * query conditions against. Immutable and thread-safe.
 *
 * @param index the index
 * @param table the table version the expressions are bound against
 * @param keys one expression per key element (a column reference for a column key)
 * @param predicate the partial-index predicate, or {@code null}
 */
public record BoundIndex(IndexDef index, TableDef table, List<BoundExpr> keys, BoundExpr predicate) {
    /** Copies the key list. */
    public BoundIndex {
        keys = List.copyOf(keys);
    }

    /** @return the table column positions of key {@code i} when it is a plain column, else -1 */
    public int keyColumn(int i) {
        return keys.get(i) instanceof BoundExpr.ColumnRef c ? c.index() : -1;
    }

    /**
     * @return the table column positions whose values determine the index's entries: key
     *     columns and expression inputs, INCLUDE columns, predicate inputs and the primary key
     */
    public Set<Integer> inputColumns() {
        Set<Integer> out = new HashSet<>();
        for (BoundExpr k : keys) {
            ExprRewriter.visit(k, x -> {
                if (x instanceof BoundExpr.ColumnRef c) {
                    out.add(c.index());
                }
            });
        }
        if (predicate != null) {
            ExprRewriter.visit(predicate, x -> {
                if (x instanceof BoundExpr.ColumnRef c) {
                    out.add(c.index());
                }
            });
        }
        for (int i = 0; i < table.columns().size(); i++) {
            int id = table.columns().get(i).id();
            if (index.include().contains(id) || table.primaryKey().contains(id)) {
                out.add(i);
            }
        }
        return out;
    }
}
