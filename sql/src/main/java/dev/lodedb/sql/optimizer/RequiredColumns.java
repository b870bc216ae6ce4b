package dev.lodedb.sql.optimizer;

import dev.lodedb.sql.plan.AggregateCall;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.OuterReferences;
import dev.lodedb.sql.plan.SortKey;
import dev.lodedb.sql.plan.WindowCall;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Which columns of each plan node's output are read above it, computed top-down: the columns a
 * parent passes through that its own parent needs, plus every column any expression the parent
 * evaluates reads (all expressions of a node are evaluated, used or not, so their inputs must be
 * real values). A correlated subquery anywhere in a node's expressions makes all of the node's
 * input columns required (its outer references read that input row), as do DISTINCT, set
 * operations and CTEs. The optimizer uses it to tell whether an index-only scan, which produces
 * only the columns its index holds, is safe. Thread-safe (stateless).
 */
final class RequiredColumns {
    private RequiredColumns() {
    }

    /** @return all of {@code width} columns */
    static BitSet all(int width) {
        BitSet b = new BitSet();
        b.set(0, width);
        return b;
    }

    /** Adds the input columns {@code e} reads; all of {@code width} if it holds a correlated subquery. */
    static void add(BitSet out, BoundExpr e, int width) {
        if (e == null) {
            return;
        }
        ExprRewriter.visit(e, x -> {
            if (x instanceof BoundExpr.ColumnRef c) {
                out.set(c.index());
            } else if (x instanceof BoundExpr.Subquery s && s.correlated()) {
                out.set(0, width);
            }
        });
    }

    /**
     * Adds the input columns {@code e} reads, counting for a correlated subquery the columns of the
     * input row its outer references read ({@link OuterReferences#of}, also from subqueries nested
     * in it) rather than all of them.
     *
     * @return whether {@code e} holds a correlated subquery (its outer references then depend on the
     *     input's column positions)
     */
    static boolean addWithOuterReferences(BitSet out, BoundExpr e) {
        if (e == null) {
            return false;
        }
        boolean[] correlated = new boolean[1];
        ExprRewriter.visit(e, x -> {
            if (x instanceof BoundExpr.ColumnRef c) {
                out.set(c.index());
            } else if (x instanceof BoundExpr.Subquery s && s.correlated()) {
                correlated[0] = true;
                for (int i : OuterReferences.of(s.plan())) {
                    if (i >= 0) { // -1 marks a volatile call
                        out.set(i);
                    }
                }
            }
        });
        return correlated[0];
    }

    private static void addAll(BitSet out, List<BoundExpr> es, int width) {
        for (BoundExpr e : es) {
            add(out, e, width);
        }
    }

    /**
     * Rebuilds {@code p} with each input replaced by {@code visit(input, columns of the input
     * required)}.
     *
     * @param required the columns of {@code p}'s output its parent reads
     */
    static LogicalPlan rewriteInputs(LogicalPlan p, BitSet required,
            BiFunction<LogicalPlan, BitSet, LogicalPlan> visit) {
        if (p instanceof LogicalPlan.Filter f) {
            BitSet r = (BitSet) required.clone();
            add(r, f.predicate(), f.input().columns().size());
            return new LogicalPlan.Filter(visit.apply(f.input(), r), f.predicate());
        }
        if (p instanceof LogicalPlan.Project pr) {
            BitSet r = new BitSet();
            addAll(r, pr.exprs(), pr.input().columns().size());
            return new LogicalPlan.Project(visit.apply(pr.input(), r), pr.exprs(), pr.columns());
        }
        if (p instanceof LogicalPlan.Join j) {
            int lw = j.left().columns().size();
            int rw = j.right().columns().size();
            BitSet all = new BitSet();
            required.stream().forEach(all::set);
            add(all, j.condition(), lw + rw);
            BitSet l = all.get(0, lw);
            BitSet r = all.get(lw, lw + rw);
            return new LogicalPlan.Join(j.type(), visit.apply(j.left(), l), visit.apply(j.right(), r), j.condition());
        }
        if (p instanceof LogicalPlan.MergeJoin m) {
            LogicalPlan.Join j = (LogicalPlan.Join) rewriteInputs(new LogicalPlan.Join(m.type(), m.left(), m.right(),
                    m.condition()), required, visit);
            return new LogicalPlan.MergeJoin(m.type(), j.left(), j.right(), m.leftKeys(), m.rightKeys(), m.residual());
        }
        if (p instanceof LogicalPlan.GroupAggregate g) {
            LogicalPlan a = rewriteInputs(g.aggregate(), required, visit);
            return new LogicalPlan.GroupAggregate((LogicalPlan.Aggregate) a);
        }
        if (p instanceof LogicalPlan.Aggregate a) {
            int w = a.input().columns().size();
            BitSet r = new BitSet();
            addAll(r, a.groupKeys(), w);
            for (AggregateCall c : a.aggregates()) {
                addAll(r, c.args(), w);
                add(r, c.filter(), w);
                for (SortKey k : c.orderBy()) {
                    add(r, k.expr(), w);
                }
            }
            return new LogicalPlan.Aggregate(visit.apply(a.input(), r), a.groupKeys(), a.aggregates(), a.columns());
        }
        if (p instanceof LogicalPlan.Window w) {
            int width = w.input().columns().size();
            BitSet r = required.get(0, width);
            for (WindowCall c : w.calls()) {
                addAll(r, c.args(), width);
                addAll(r, c.partitionBy(), width);
                for (SortKey k : c.orderBy()) {
                    add(r, k.expr(), width);
                }
                add(r, c.frame().start().offset(), width);
                add(r, c.frame().end().offset(), width);
            }
            return new LogicalPlan.Window(visit.apply(w.input(), r), w.calls(), w.columns());
        }
        if (p instanceof LogicalPlan.Sort s) {
            BitSet r = (BitSet) required.clone();
            for (SortKey k : s.keys()) {
                add(r, k.expr(), s.input().columns().size());
            }
            return new LogicalPlan.Sort(visit.apply(s.input(), r), s.keys());
        }
        if (p instanceof LogicalPlan.Limit l) {
            return new LogicalPlan.Limit(visit.apply(l.input(), (BitSet) required.clone()), l.limit(), l.offset());
        }
        if (p instanceof LogicalPlan.Distinct d) {
            int w = d.input().columns().size();
            BitSet r = d.on().isEmpty() ? all(w) : (BitSet) required.clone();
            addAll(r, d.on(), w);
            return new LogicalPlan.Distinct(visit.apply(d.input(), r), d.on());
        }
        if (p instanceof LogicalPlan.SetOp s) {
            return new LogicalPlan.SetOp(s.kind(), s.all(), visit.apply(s.left(), all(s.left().columns().size())),
                    visit.apply(s.right(), all(s.right().columns().size())), s.columns());
        }
        if (p instanceof LogicalPlan.RecursiveCte r) {
            return new LogicalPlan.RecursiveCte(r.id(), visit.apply(r.anchor(), all(r.anchor().columns().size())),
                    visit.apply(r.recursive(), all(r.recursive().columns().size())), r.unionAll(), r.columns());
        }
        if (p instanceof LogicalPlan.MaterializedCte m) {
            return new LogicalPlan.MaterializedCte(m.id(), visit.apply(m.input(), all(m.input().columns().size())));
        }
        List<LogicalPlan> in = p.inputs();
        if (!in.isEmpty()) {
            throw new IllegalStateException("no input rewrite for " + p.getClass().getSimpleName());
        }
        return p;
    }

    /** @return the expressions of a list that are not in {@code used} (by identity) */
    static List<BoundExpr> without(List<BoundExpr> all, List<BoundExpr> used) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr e : all) {
            boolean found = false;
            for (BoundExpr u : used) {
                found |= u == e;
            }
            if (!found) {
                out.add(e);
            }
        }
        return out;
    }
}
