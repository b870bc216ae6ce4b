package dev.lodedb.sql.optimizer;

import dev.lodedb.sql.plan.AggregateCall;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.sql.plan.SortKey;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Removal of unused columns (projection pruning): rebuilds a plan so that every node produces only
 * the columns some ancestor reads ({@link RequiredColumns} says which), top-down. Scans decode only
 * the columns read above them or by their filter; unused computed columns and aggregates are
 * dropped; the inputs of joins and sorts, which copy every column they carry into hash tables and
 * sort runs, are narrowed by a projection to the columns read above them.
 *
 * <p>A pruned node's output is always a subsequence of its old output, in the old order; the parent
 * renumbers the column references of its expressions by the child's old-to-new map. So a node all
 * of whose columns are required keeps them at the same positions, and the root (everything
 * required) produces the same columns as before. Correlated subqueries need more: their outer
 * references point at positions of the row of the node that evaluates them. A filter whose
 * predicate holds one requires only the columns the predicate and the subqueries' outer references
 * read, and puts its pruned input back into the old positions with NULL placeholders for the
 * dropped columns (a projection of constants, filled once); any other node with one requires all
 * of its input columns ({@link RequiredColumns#add}), which therefore keep their positions.
 *
 * <p>Expressions that call a volatile function or hold a subquery are kept even when unused (their
 * side effects and errors stay as they were), and every node keeps at least one column. Window
 * functions, DISTINCT without ON, set operations and CTEs keep all their input columns.
 * Thread-safe (stateless).
 */
final class ProjectionPruner {
    private ProjectionPruner() {
    }

    /** A rewritten node and, for each old output column, its new position or -1 (dropped). */
    private record Pruned(LogicalPlan plan, int[] map) {
    }

    /** @return {@code plan} with unused columns removed; its output columns are unchanged */
    static LogicalPlan apply(LogicalPlan plan) {
        return prune(plan, RequiredColumns.all(plan.columns().size())).plan();
    }

    /** @return the map that keeps each of {@code n} columns where it is */
    static int[] identity(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = i;
        }
        return m;
    }

    private static Pruned unchanged(LogicalPlan p) {
        return new Pruned(p, identity(p.columns().size()));
    }

    private static BoundExpr remap(BoundExpr e, int[] map) {
        return e == null ? null : ExprRewriter.remap(e, map);
    }

    private static List<BoundExpr> remap(List<BoundExpr> es, int[] map) {
        List<BoundExpr> out = new ArrayList<>(es.size());
        for (BoundExpr e : es) {
            out.add(remap(e, map));
        }
        return out;
    }

    private static List<SortKey> remapKeys(List<SortKey> keys, int[] map) {
        List<SortKey> out = new ArrayList<>(keys.size());
        for (SortKey k : keys) {
            out.add(new SortKey(remap(k.expr(), map), k.descending(), k.nullsFirst()));
        }
        return out;
    }

    /** @return {@code need}, or the first column when it is empty and there are columns */
    private static BitSet atLeastOne(BitSet need, int width) {
        if (need.isEmpty() && width > 0) {
            need.set(0);
        }
        return need;
    }

    private static Pruned prune(LogicalPlan p, BitSet required) {
        int width = p.columns().size();
        if (p instanceof LogicalPlan.Scan s) {
            return scan(s, required);
        }
        if (p instanceof LogicalPlan.Filter f) {
            BitSet need = (BitSet) required.clone();
            if (RequiredColumns.addWithOuterReferences(need, f.predicate())) {
                Pruned in = prune(f.input(), need);
                return new Pruned(new LogicalPlan.Filter(placeholders(in, f.input()), f.predicate()),
                        identity(width));
            }
            Pruned in = prune(f.input(), need);
            return new Pruned(new LogicalPlan.Filter(in.plan(), remap(f.predicate(), in.map())), in.map());
        }
        if (p instanceof LogicalPlan.Project pr) {
            return project(pr, required);
        }
        if (p instanceof LogicalPlan.Join j) {
            return join(j, required);
        }
        if (p instanceof LogicalPlan.Aggregate a) {
            return aggregate(a, required);
        }
        if (p instanceof LogicalPlan.Sort s) {
            BitSet need = (BitSet) required.clone();
            for (SortKey k : s.keys()) {
                RequiredColumns.add(need, k.expr(), width);
            }
            Pruned in = narrow(prune(s.input(), need), need);
            return new Pruned(new LogicalPlan.Sort(in.plan(), remapKeys(s.keys(), in.map())), in.map());
        }
        if (p instanceof LogicalPlan.Limit l) {
            Pruned in = prune(l.input(), required);
            return new Pruned(new LogicalPlan.Limit(in.plan(), l.limit(), l.offset()), in.map());
        }
        if (p instanceof LogicalPlan.Distinct d && !d.on().isEmpty()) {
            BitSet need = (BitSet) required.clone();
            for (BoundExpr e : d.on()) {
                RequiredColumns.add(need, e, width);
            }
            Pruned in = prune(d.input(), need);
            return new Pruned(new LogicalPlan.Distinct(in.plan(), remap(d.on(), in.map())), in.map());
        }
        if (p.inputs().isEmpty()) {
            return unchanged(p);
        }
        // everything else keeps all of its input columns; their own inputs are still pruned
        return unchanged(RequiredColumns.rewriteInputs(p, RequiredColumns.all(width),
                (in, r) -> prune(in, RequiredColumns.all(in.columns().size())).plan()));
    }

    private static Pruned scan(LogicalPlan.Scan s, BitSet required) {
        int width = s.columns().size();
        List<BoundExpr> plain = new ArrayList<>();
        List<BoundExpr> correlated = new ArrayList<>();
        for (BoundExpr c : dev.lodedb.sql.exec.PhysicalPlanner.conjuncts(s.filter())) {
            (ExprRewriter.any(c, x -> x instanceof BoundExpr.Subquery q && q.correlated()) ? correlated : plain).add(c);
        }
        if (!correlated.isEmpty()) {
            // evaluated above the scan, over its pruned columns put back in place (see placeholders)
            LogicalPlan.Scan under = new LogicalPlan.Scan(s.table(), s.projection(), and(plain), s.columns(),
                    s.keyPrefix(), s.keyRange());
            return prune(new LogicalPlan.Filter(under, and(correlated)), required);
        }
        BitSet need = (BitSet) required.clone();
        RequiredColumns.add(need, s.filter(), width);
        atLeastOne(need, width);
        if (need.cardinality() == width) {
            return unchanged(s);
        }
        int[] map = new int[width];
        int[] projection = new int[need.cardinality()];
        List<PlanColumn> columns = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < width; i++) {
            if (need.get(i)) {
                map[i] = n;
                projection[n++] = s.projection()[i];
                columns.add(s.columns().get(i));
            } else {
                map[i] = -1;
            }
        }
        return new Pruned(new LogicalPlan.Scan(s.table(), projection, remap(s.filter(), map), columns,
                s.keyPrefix(), s.keyRange()), map);
    }

    /**
     * @return the pruned {@code in} laid out as {@code original} was: each column it kept at its old
     *     position, a NULL constant at the position of each column it dropped. A node whose
     *     expressions hold a correlated subquery evaluates them over this layout: the subquery's
     *     outer references point at the old positions, and no expression reads a placeholder
     *     ({@link RequiredColumns#addWithOuterReferences} counted every column they read).
     */
    private static LogicalPlan placeholders(Pruned in, LogicalPlan original) {
        int[] map = in.map();
        boolean identity = map.length == in.plan().columns().size();
        for (int i = 0; i < map.length && identity; i++) {
            identity = map[i] == i;
        }
        if (identity) {
            return in.plan();
        }
        List<BoundExpr> exprs = new ArrayList<>(map.length);
        for (int i = 0; i < map.length; i++) {
            PlanColumn c = original.columns().get(i);
            exprs.add(map[i] >= 0 ? new BoundExpr.ColumnRef(map[i], c.type(), c.name())
                    : new BoundExpr.Constant(null, c.type()));
        }
        return new LogicalPlan.Project(in.plan(), exprs, original.columns());
    }

    private static BoundExpr and(List<BoundExpr> terms) {
        return terms.isEmpty() ? null : terms.size() == 1 ? terms.get(0) : new BoundExpr.And(terms);
    }

    /** @return whether an unused expression must still be evaluated */
    private static boolean keepAnyway(BoundExpr e) {
        return ExprRewriter.any(e, x -> x instanceof BoundExpr.Subquery
                || x instanceof BoundExpr.Call c && c.function().volatile_());
    }

    private static Pruned project(LogicalPlan.Project pr, BitSet required) {
        int width = pr.exprs().size();
        BitSet keep = new BitSet();
        for (int i = 0; i < width; i++) {
            if (required.get(i) || keepAnyway(pr.exprs().get(i))) {
                keep.set(i);
            }
        }
        atLeastOne(keep, width);
        int inWidth = pr.input().columns().size();
        BitSet need = new BitSet();
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
            RequiredColumns.add(need, pr.exprs().get(i), inWidth);
        }
        Pruned in = prune(pr.input(), need);
        int[] map = new int[width];
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            if (keep.get(i)) {
                map[i] = exprs.size();
                exprs.add(remap(pr.exprs().get(i), in.map()));
                columns.add(pr.columns().get(i));
            } else {
                map[i] = -1;
            }
        }
        return new Pruned(new LogicalPlan.Project(in.plan(), exprs, columns), map);
    }

    /**
     * @return {@code in} with a projection on top that drops the columns it produces beyond those
     *     of {@code required} (keeping at least one), or {@code in} when there are none
     */
    private static Pruned narrow(Pruned in, BitSet required) {
        int[] map = in.map();
        List<PlanColumn> produced = in.plan().columns();
        BitSet keep = new BitSet();
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= 0 && required.get(i)) {
                keep.set(map[i]);
            }
        }
        atLeastOne(keep, produced.size());
        if (keep.cardinality() == produced.size()) {
            return in;
        }
        int[] newPos = new int[produced.size()];
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> columns = new ArrayList<>();
        for (int i = 0; i < produced.size(); i++) {
            newPos[i] = -1;
            if (keep.get(i)) {
                newPos[i] = exprs.size();
                PlanColumn c = produced.get(i);
                exprs.add(new BoundExpr.ColumnRef(i, c.type(), c.name()));
                columns.add(c);
            }
        }
        int[] composed = new int[map.length];
        for (int i = 0; i < map.length; i++) {
            composed[i] = map[i] < 0 ? -1 : newPos[map[i]];
        }
        return new Pruned(new LogicalPlan.Project(in.plan(), exprs, columns), composed);
    }

    private static Pruned join(LogicalPlan.Join j, BitSet required) {
        int lw = j.left().columns().size();
        int rw = j.right().columns().size();
        boolean leftOnly = j.type() == JoinType.SEMI || j.type() == JoinType.ANTI;
        BitSet need = leftOnly ? required.get(0, lw) : (BitSet) required.clone();
        RequiredColumns.add(need, j.condition(), lw + rw);
        BitSet leftNeed = need.get(0, lw);
        BitSet rightNeed = need.get(lw, lw + rw);
        Pruned l = narrow(prune(j.left(), leftNeed), leftNeed);
        Pruned r = narrow(prune(j.right(), rightNeed), rightNeed);
        int newLeftWidth = l.plan().columns().size();
        int[] map = new int[lw + rw];
        for (int i = 0; i < lw; i++) {
            map[i] = l.map()[i];
        }
        for (int i = 0; i < rw; i++) {
            map[lw + i] = r.map()[i] < 0 ? -1 : newLeftWidth + r.map()[i];
        }
        LogicalPlan out = new LogicalPlan.Join(j.type(), l.plan(), r.plan(), remap(j.condition(), map));
        return new Pruned(out, leftOnly ? l.map() : map);
    }

    private static Pruned aggregate(LogicalPlan.Aggregate a, BitSet required) {
        int keys = a.groupKeys().size();
        int aggs = a.aggregates().size();
        BitSet keep = new BitSet();
        for (int i = 0; i < aggs; i++) {
            if (required.get(keys + i)) {
                keep.set(i);
            }
        }
        if (keys == 0) {
            atLeastOne(keep, aggs);
        }
        int inWidth = a.input().columns().size();
        BitSet need = new BitSet();
        for (BoundExpr k : a.groupKeys()) {
            RequiredColumns.add(need, k, inWidth);
        }
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
            AggregateCall c = a.aggregates().get(i);
            for (BoundExpr e : c.args()) {
                RequiredColumns.add(need, e, inWidth);
            }
            RequiredColumns.add(need, c.filter(), inWidth);
            for (SortKey k : c.orderBy()) {
                RequiredColumns.add(need, k.expr(), inWidth);
            }
        }
        Pruned in = prune(a.input(), need);
        int[] m = in.map();
        int[] map = new int[keys + aggs];
        List<PlanColumn> columns = new ArrayList<>(a.columns().subList(0, keys));
        for (int i = 0; i < keys; i++) {
            map[i] = i;
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (int i = 0; i < aggs; i++) {
            if (!keep.get(i)) {
                map[keys + i] = -1;
                continue;
            }
            AggregateCall c = a.aggregates().get(i);
            map[keys + i] = keys + calls.size();
            calls.add(new AggregateCall(c.function(), remap(c.args(), m), c.distinct(), remap(c.filter(), m),
                    remapKeys(c.orderBy(), m)));
            columns.add(a.columns().get(keys + i));
        }
        return new Pruned(new LogicalPlan.Aggregate(in.plan(), remap(a.groupKeys(), m), calls, columns), map);
    }
}
