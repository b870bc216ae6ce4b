package dev.lodedb.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Generic traversal of {@link BoundExpr} trees. Subquery plans are not entered: their
 * expressions belong to another query level. Thread-safe (stateless).
 */
public final class ExprRewriter {
    private ExprRewriter() {
    }

    /**
     * Rewrites {@code e} top-down: where {@code replace} returns a non-null expression it takes the
     * node's place (and is not visited further); elsewhere the children are rewritten.
     */
    public static BoundExpr rewrite(BoundExpr e, UnaryOperator<BoundExpr> replace) {
        if (e == null) {
            return null;
        }
        BoundExpr r = replace.apply(e);
        if (r != null) {
            return r;
        }
        if (e instanceof BoundExpr.ColumnRef || e instanceof BoundExpr.OuterRef || e instanceof BoundExpr.Constant
                || e instanceof BoundExpr.Parameter) {
            return e;
        }
        if (e instanceof BoundExpr.Call c) {
            return new BoundExpr.Call(c.function(), all(c.args(), replace));
        }
        if (e instanceof BoundExpr.Cast c) {
            return new BoundExpr.Cast(rewrite(c.input(), replace), c.type(), c.context());
        }
        if (e instanceof BoundExpr.Compare c) {
            return new BoundExpr.Compare(c.op(), rewrite(c.left(), replace), rewrite(c.right(), replace),
                    c.operandType());
        }
        if (e instanceof BoundExpr.And a) {
            return new BoundExpr.And(all(a.terms(), replace));
        }
        if (e instanceof BoundExpr.Or o) {
            return new BoundExpr.Or(all(o.terms(), replace));
        }
        if (e instanceof BoundExpr.Not n) {
            return new BoundExpr.Not(rewrite(n.input(), replace));
        }
        if (e instanceof BoundExpr.IsNull n) {
            return new BoundExpr.IsNull(rewrite(n.input(), replace), n.negated());
        }
        if (e instanceof BoundExpr.IsBoolean b) {
            return new BoundExpr.IsBoolean(rewrite(b.input(), replace), b.value(), b.negated());
        }
        if (e instanceof BoundExpr.IsDistinct d) {
            return new BoundExpr.IsDistinct(rewrite(d.left(), replace), rewrite(d.right(), replace),
                    d.operandType(), d.negated());
        }
        if (e instanceof BoundExpr.InList i) {
            return new BoundExpr.InList(rewrite(i.input(), replace), all(i.values(), replace), i.operandType(),
                    i.negated());
        }
        if (e instanceof BoundExpr.Case c) {
            List<BoundExpr.When> whens = new ArrayList<>();
            for (BoundExpr.When w : c.whens()) {
                whens.add(new BoundExpr.When(rewrite(w.condition(), replace), rewrite(w.result(), replace)));
            }
            return new BoundExpr.Case(whens, rewrite(c.otherwise(), replace), c.type());
        }
        if (e instanceof BoundExpr.Coalesce c) {
            return new BoundExpr.Coalesce(all(c.args(), replace), c.type());
        }
        if (e instanceof BoundExpr.Extremum x) {
            return new BoundExpr.Extremum(all(x.args(), replace), x.greatest(), x.type());
        }
        BoundExpr.Subquery s = (BoundExpr.Subquery) e;
        return new BoundExpr.Subquery(s.kind(), s.plan(), rewrite(s.left(), replace), s.op(), s.operandType(),
                s.correlated(), s.type());
    }

    private static List<BoundExpr> all(List<BoundExpr> list, UnaryOperator<BoundExpr> replace) {
        List<BoundExpr> out = new ArrayList<>(list.size());
        for (BoundExpr e : list) {
            out.add(rewrite(e, replace));
        }
        return out;
    }

    /** Calls {@code visitor} on every node of {@code e}, parents before children. */
    public static void visit(BoundExpr e, Consumer<BoundExpr> visitor) {
        rewrite(e, x -> {
            visitor.accept(x);
            return null;
        });
    }

    /** @return whether any node of {@code e} satisfies {@code test} */
    public static boolean any(BoundExpr e, java.util.function.Predicate<BoundExpr> test) {
        boolean[] found = new boolean[1];
        visit(e, x -> {
            if (test.test(x)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** @return the expression with every {@link BoundExpr.ColumnRef} index {@code i} replaced by {@code map[i]} */
    public static BoundExpr remap(BoundExpr e, int[] map) {
        return rewrite(e, x -> x instanceof BoundExpr.ColumnRef c
                ? new BoundExpr.ColumnRef(map[c.index()], c.type(), c.name()) : null);
    }

    /** @return the expression with every {@link BoundExpr.ColumnRef} index shifted by {@code delta} */
    public static BoundExpr shift(BoundExpr e, int delta) {
        if (delta == 0) {
            return e;
        }
        return rewrite(e, x -> x instanceof BoundExpr.ColumnRef c
                ? new BoundExpr.ColumnRef(c.index() + delta, c.type(), c.name()) : null);
    }
}
