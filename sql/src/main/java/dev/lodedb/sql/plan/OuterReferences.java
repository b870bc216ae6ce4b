package dev.lodedb.sql.plan;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Finds which columns of the enclosing row a correlated subquery reads: the {@link
 * BoundExpr.OuterRef}s that point exactly one level out of the subquery (also from subqueries
 * nested inside it, where the same row is more levels out). The executor uses them to memoize a
 * correlated subquery's result per distinct combination of those values. Thread-safe (stateless).
 */
public final class OuterReferences {
    private OuterReferences() {
    }

    /** @return the indexes of the enclosing row's columns that {@code subqueryPlan} references */
    public static Set<Integer> of(LogicalPlan subqueryPlan) {
        Set<Integer> out = new TreeSet<>();
        plan(subqueryPlan, 1, false, out);
        return out;
    }

    /**
     * @return whether {@code plan} reads the row of any query around it, one level out or more
     *     (also from subqueries nested inside it): whether it can run on its own
     */
    public static boolean isCorrelated(LogicalPlan plan) {
        Set<Integer> out = new TreeSet<>();
        plan(plan, 1, true, out);
        out.remove(-1); // the mark of a volatile call
        return !out.isEmpty();
    }

    /** @return whether the plan calls a volatile function (its result must not be memoized) */
    public static boolean callsVolatile(LogicalPlan subqueryPlan) {
        Set<Integer> marker = new TreeSet<>();
        plan(subqueryPlan, -1_000_000, false, marker);
        return marker.contains(-1);
    }

    private static void plan(LogicalPlan p, int depth, boolean deeper, Set<Integer> out) {
        Consumer<BoundExpr> e = x -> expr(x, depth, deeper, out);
        if (p instanceof LogicalPlan.Scan s) {
            e.accept(s.filter());
            s.keyPrefix().forEach(e);
            if (s.keyRange() != null) {
                e.accept(s.keyRange().lower());
                e.accept(s.keyRange().upper());
            }
        } else if (p instanceof LogicalPlan.IndexScan x) {
            e.accept(x.filter());
            x.bounds().expressions().forEach(e);
        } else if (p instanceof LogicalPlan.BitmapHeapScan x) {
            e.accept(x.scan().filter());
            plan(x.bitmap(), depth, deeper, out);
        } else if (p instanceof LogicalPlan.BitmapIndexScan x) {
            x.bounds().expressions().forEach(e);
        } else if (p instanceof LogicalPlan.Values v) {
            v.rows().forEach(r -> r.forEach(e));
        } else if (p instanceof LogicalPlan.TableFunction f) {
            f.args().forEach(e);
        } else if (p instanceof LogicalPlan.Filter f) {
            e.accept(f.predicate());
        } else if (p instanceof LogicalPlan.Project pr) {
            pr.exprs().forEach(e);
        } else if (p instanceof LogicalPlan.Join j) {
            e.accept(j.condition());
        } else if (p instanceof LogicalPlan.MergeJoin m) {
            e.accept(m.condition());
        } else if (p instanceof LogicalPlan.GroupAggregate g) {
            plan(g.aggregate(), depth, deeper, out);
            return;
        } else if (p instanceof LogicalPlan.Aggregate a) {
            a.groupKeys().forEach(e);
            for (AggregateCall c : a.aggregates()) {
                c.args().forEach(e);
                e.accept(c.filter());
                c.orderBy().forEach(k -> e.accept(k.expr()));
            }
        } else if (p instanceof LogicalPlan.Window w) {
            for (WindowCall c : w.calls()) {
                c.args().forEach(e);
                c.partitionBy().forEach(e);
                c.orderBy().forEach(k -> e.accept(k.expr()));
                e.accept(c.frame().start().offset());
                e.accept(c.frame().end().offset());
            }
        } else if (p instanceof LogicalPlan.Sort s) {
            s.keys().forEach(k -> e.accept(k.expr()));
        } else if (p instanceof LogicalPlan.Limit l) {
            e.accept(l.limit());
            e.accept(l.offset());
        } else if (p instanceof LogicalPlan.Distinct d) {
            d.on().forEach(e);
        }
        for (LogicalPlan in : p.inputs()) {
            plan(in, depth, deeper, out);
        }
    }

    private static void expr(BoundExpr x, int depth, boolean deeper, Set<Integer> out) {
        if (x == null) {
            return;
        }
        ExprRewriter.visit(x, n -> {
            if (n instanceof BoundExpr.OuterRef o && (o.depth() == depth || deeper && o.depth() > depth)) {
                out.add(o.index());
            } else if (n instanceof BoundExpr.Call c && c.function().volatile_()) {
                out.add(-1);
            } else if (n instanceof BoundExpr.Subquery s) {
                plan(s.plan(), depth + 1, deeper, out);
            }
        });
    }
}
