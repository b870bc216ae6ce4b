package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.exec.TableScan;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.IndexBounds;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a plan returns its rows, as far as the planner knows it (PostgreSQL's {@code
 * pathkeys} in a simple form): a list of ascending keys over the plan's output columns, the rows
 * sorted on the first, then the second, and so on. Sources of order: a table scan returns its rows
 * in primary-key order (the key encoding is order-preserving; key columns fixed by a key prefix
 * are left out), an index scan in the order of its ascending key elements (those fixed by a single
 * value are left out; {@link IndexOrder}), a sort in its ascending keys. Filters, limits and
 * projections keep their input's order; a merge join of type INNER, LEFT, SEMI or ANTI and an index
 * nested-loop join of type INNER, SEMI or ANTI keep their left (outer) input's order (an inner merge
 * join's keys are also ordered as their right keys, equal in every row), a group aggregate its
 * input's order on its group keys. Every other node (a hash join may spill its partitions, a hash aggregate returns
 * its groups in hash order) is unordered. Only the orders of types whose stored key order is
 * PostgreSQL's btree order ({@link #orderable}) are used. Thread-safe (stateless).
 */
final class PlanOrder {
    private PlanOrder() {
    }

    /**
     * One key of an order.
     *
     * @param expr the key over the plan's output columns
     * @param nullsFirst where NULLs are (irrelevant when {@code notNull})
     * @param notNull whether the key is never NULL (a primary-key column)
     * @param equal other expressions over the output equal to {@code expr} in every row (the other
     *     side of an inner merge join's key)
     */
    record Key(BoundExpr expr, boolean nullsFirst, boolean notNull, List<BoundExpr> equal) {
        Key(BoundExpr expr, boolean nullsFirst, boolean notNull) {
            this(expr, nullsFirst, notNull, List.of());
        }

        /** @return whether {@code e} is this key or equal to it in every row */
        boolean matches(BoundExpr e) {
            if (IndexMatcher.same(e, expr)) {
                return true;
            }
            for (BoundExpr x : equal) {
                if (IndexMatcher.same(e, x)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the order of {@code p}'s rows: a list of ascending keys, empty when unknown */
    static List<Key> of(LogicalPlan p) {
        if (p instanceof LogicalPlan.Scan s) {
            return primaryKey(s, s.keyPrefix().size());
        }
        if (p instanceof LogicalPlan.IndexScan s) {
            return index(s);
        }
        if (p instanceof LogicalPlan.Filter f) {
            return of(f.input());
        }
        if (p instanceof LogicalPlan.Limit l) {
            return of(l.input());
        }
        if (p instanceof LogicalPlan.Project pr) {
            return mapped(of(pr.input()), pr.exprs());
        }
        if (p instanceof LogicalPlan.Sort s) {
            List<Key> out = new ArrayList<>();
            for (SortKey k : s.keys()) {
                if (k.descending() || !orderable(k.expr().type())) {
                    break;
                }
                out.add(new Key(k.expr(), k.nullsFirst(), false));
            }
            return out;
        }
        if (p instanceof LogicalPlan.MergeJoin m) {
            return keepsLeftOrder(m.type()) ? mergeJoin(m) : List.of();
        }
        if (p instanceof LogicalPlan.IndexJoin j) {
            // its LEFT join emits a batch's unmatched outer rows after the batch's pairs
            return keepsLeftOrder(j.type()) && j.type() != JoinType.LEFT ? of(j.outer()) : List.of();
        }
        if (p instanceof LogicalPlan.GroupAggregate g) {
            return mapped(of(g.aggregate().input()), g.aggregate().groupKeys());
        }
        return List.of();
    }

    /** @return the left input's order; an inner join's keys also equal their right keys */
    private static List<Key> mergeJoin(LogicalPlan.MergeJoin m) {
        List<Key> order = of(m.left());
        if (m.type() != JoinType.INNER) {
            return order;
        }
        List<Key> out = new ArrayList<>();
        int leftWidth = m.left().columns().size();
        for (Key k : order) {
            List<BoundExpr> equal = new ArrayList<>(k.equal());
            for (int i = 0; i < m.leftKeys().size(); i++) {
                if (k.matches(m.leftKeys().get(i))) {
                    equal.add(dev.lodedb.sql.plan.ExprRewriter.shift(m.rightKeys().get(i), leftWidth));
                }
            }
            out.add(new Key(k.expr(), k.nullsFirst(), k.notNull(), equal));
        }
        return out;
    }

    /** @return whether a join of this type returns its rows in its left input's order when its method does */
    private static boolean keepsLeftOrder(JoinType t) {
        return t == JoinType.INNER || t == JoinType.LEFT || t == JoinType.SEMI || t == JoinType.ANTI;
    }

    /**
     * @return the prefix of {@code order} (over an input) that {@code exprs} (over that input)
     *     compute, as keys over the outputs that are those expressions
     */
    private static List<Key> mapped(List<Key> order, List<BoundExpr> exprs) {
        List<Key> out = new ArrayList<>();
        for (Key k : order) {
            List<BoundExpr> found = new ArrayList<>();
            for (int j = 0; j < exprs.size(); j++) {
                if (k.matches(exprs.get(j))) {
                    found.add(new BoundExpr.ColumnRef(j, exprs.get(j).type(), null));
                }
            }
            if (found.isEmpty()) {
                break;
            }
            out.add(new Key(found.get(0), k.nullsFirst(), k.notNull(), found.subList(1, found.size())));
        }
        return out;
    }

    /** @return the scan's primary-key columns after the first {@code skip}, while they are in its output */
    private static List<Key> primaryKey(LogicalPlan.Scan s, int skip) {
        List<Key> out = new ArrayList<>();
        TableDef t = s.table();
        for (int k = skip; k < t.primaryKey().size(); k++) {
            int column = t.positionOf(t.primaryKey().get(k));
            int j = -1;
            for (int i = 0; i < s.projection().length && j < 0; i++) {
                j = s.projection()[i] == column && column != TableScan.KEY_COLUMN ? i : -1;
            }
            DataType type = column < 0 ? null : t.columns().get(column).type();
            if (j < 0 || !orderable(type)) {
                break;
            }
            out.add(new Key(new BoundExpr.ColumnRef(j, type, null), false, true));
        }
        return out;
    }

    private static List<Key> index(LogicalPlan.IndexScan s) {
        List<Key> out = new ArrayList<>();
        IndexBounds bounds = s.bounds();
        for (int i = 0; i < s.index().keys().size(); i++) {
            if (i < bounds.equalities().size()) {
                IndexBounds.Equality e = bounds.equalities().get(i);
                if (e.isNull() || e.values().size() == 1) {
                    continue; // constant
                }
            }
            BoundExpr element = IndexMatcher.keyOverScan(s.scan(), s.index(), i);
            var def = s.index().index().keys().get(i);
            if (element == null || def.descending() || !orderable(element.type())) {
                break;
            }
            out.add(new Key(element, def.nullsFirst(), false));
        }
        return out;
    }

    /**
     * @return whether {@code keys} (ORDER BY keys over {@code p}'s output) are satisfied by the
     *     order {@code p} returns its rows in, so a sort on them would change nothing
     */
    static boolean provides(LogicalPlan p, List<SortKey> keys) {
        List<Key> order = of(p);
        if (keys.isEmpty() || keys.size() > order.size()) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            SortKey k = keys.get(i);
            Key o = order.get(i);
            if (k.descending() || !o.matches(k.expr()) || !o.notNull() && o.nullsFirst() != k.nullsFirst()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether values of {@code t} are stored in keys and sorted in the order that {@link
     *     dev.lodedb.engine.types.Values#compare} gives, with equality as GROUP BY's and {@code =}'s:
     *     integers, numeric, text, varchar, bytea, boolean, uuid, date, time and timestamp (not the
     *     floating-point types, whose -0 and NaN, nor char, whose trailing blanks, nor the time zone,
     *     interval and JSON types, whose equal values may differ in representation)
     */
    static boolean orderable(DataType t) {
        if (t == null) {
            return false;
        }
        return switch (t.id()) {
            case SMALLINT, INTEGER, BIGINT, NUMERIC, TEXT, VARCHAR, BYTEA, BOOLEAN, UUID, DATE, TIME, TIMESTAMP -> true;
            default -> false;
        };
    }
}
