package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.IndexBounds;
import dev.lodedb.sql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a scan's conjuncts against one index (PostgreSQL's {@code match_clause_to_index}, in
 * a simple form): equality conditions on a prefix of the key elements, then at most one range on
 * the next element. A condition matches a key element when one side is the element's expression
 * (a column, or the indexed expression, compared structurally; a cast between text and varchar is
 * looked through) compared with the element's type, and the other side reads no column of the
 * scan (a constant, a parameter, an outer reference, an uncorrelated subquery, or an immutable
 * expression of those). Thread-safe (stateless).
 */
final class IndexMatcher {
    /** Most key ranges one scan may read: IN lists multiply. */
    static final int MAX_RANGES = 1000;

    private IndexMatcher() {
    }

    /**
     * How an index serves a scan.
     *
     * @param bounds the key ranges
     * @param used the conjuncts the bounds implement
     * @param implied the scan's conjuncts that are a partial index's predicate: true of every entry
     */
    record Match(IndexBounds bounds, List<BoundExpr> used, List<BoundExpr> implied) {
    }

    /**
     * @return how {@code index} serves {@code scan}, or {@code null} when it cannot (a partial
     *     index whose predicate the conjuncts do not contain); a match without conditions is a
     *     full index scan
     */
    static Match match(LogicalPlan.Scan scan, BoundIndex index, List<BoundExpr> conjuncts) {
        int[] outputOf = new int[index.table().columns().size()];
        java.util.Arrays.fill(outputOf, -1);
        for (int j = scan.projection().length - 1; j >= 0; j--) {
            int p = scan.projection()[j];
            if (p >= 0) {
                outputOf[p] = j;
            }
        }
        List<BoundExpr> predicate = new ArrayList<>();
        if (index.predicate() != null) {
            for (BoundExpr c : PhysicalPlanner.conjuncts(index.predicate())) {
                BoundExpr mapped = map(c, outputOf);
                BoundExpr found = mapped == null ? null : find(conjuncts, mapped);
                if (found == null) {
                    return null;
                }
                predicate.add(found);
            }
        }
        List<IndexBounds.Equality> equalities = new ArrayList<>();
        List<BoundExpr> used = new ArrayList<>();
        BoundExpr lower = null;
        BoundExpr upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        long ranges = 1;
        for (int k = 0; k < index.keys().size(); k++) {
            BoundExpr key = map(index.keys().get(k), outputOf);
            if (key == null) {
                break;
            }
            DataType type = index.keys().get(k).type();
            IndexBounds.Equality eq = null;
            for (BoundExpr c : conjuncts) {
                if (used.contains(c) || predicate.contains(c)) {
                    continue;
                }
                eq = equality(c, key, type);
                if (eq != null && ranges * Math.max(1, eq.values().size()) <= MAX_RANGES) {
                    used.add(c);
                    ranges *= Math.max(1, eq.values().size());
                    break;
                }
                eq = null;
            }
            if (eq != null) {
                equalities.add(eq);
                continue;
            }
            for (BoundExpr c : conjuncts) {
                if (!(c instanceof BoundExpr.Compare cmp) || used.contains(c) || !compatible(cmp.operandType(), type)) {
                    continue;
                }
                BoundExpr.CompareOp op;
                BoundExpr value;
                if (same(cmp.left(), key) && isValue(cmp.right())) {
                    op = cmp.op();
                    value = cmp.right();
                } else if (same(cmp.right(), key) && isValue(cmp.left())) {
                    op = cmp.op().flip();
                    value = cmp.left();
                } else {
                    continue;
                }
                if ((op == BoundExpr.CompareOp.GT || op == BoundExpr.CompareOp.GE) && lower == null) {
                    lower = value;
                    lowerInclusive = op == BoundExpr.CompareOp.GE;
                    used.add(c);
                } else if ((op == BoundExpr.CompareOp.LT || op == BoundExpr.CompareOp.LE) && upper == null) {
                    upper = value;
                    upperInclusive = op == BoundExpr.CompareOp.LE;
                    used.add(c);
                }
            }
            break;
        }
        if (used.isEmpty() && index.index().isPartial() && predicate.isEmpty()) {
            return null;
        }
        return new Match(new IndexBounds(equalities, lower, lowerInclusive, upper, upperInclusive), used, predicate);
    }

    private static IndexBounds.Equality equality(BoundExpr c, BoundExpr key, DataType type) {
        if (c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ
                && compatible(cmp.operandType(), type)) {
            if (same(cmp.left(), key) && isValue(cmp.right())) {
                return new IndexBounds.Equality(List.of(cmp.right()), false);
            }
            if (same(cmp.right(), key) && isValue(cmp.left())) {
                return new IndexBounds.Equality(List.of(cmp.left()), false);
            }
        }
        if (c instanceof BoundExpr.InList in && !in.negated() && compatible(in.operandType(), type)
                && same(in.input(), key) && !in.values().isEmpty()) {
            for (BoundExpr v : in.values()) {
                if (!isValue(v)) {
                    return null;
                }
            }
            return new IndexBounds.Equality(in.values(), false);
        }
        if (c instanceof BoundExpr.IsNull n && !n.negated() && same(n.input(), key)) {
            return new IndexBounds.Equality(List.of(), true);
        }
        return null;
    }

    /** @return whether comparing as {@code operand} orders like the key encoding of {@code key} */
    private static boolean compatible(DataType operand, DataType key) {
        return operand.id() == key.id() || textLike(operand) && textLike(key);
    }

    private static boolean textLike(DataType t) {
        return t.id() == TypeId.TEXT || t.id() == TypeId.VARCHAR;
    }

    /** @return whether {@code e} is the key element (labels ignored, text/varchar casts looked through) */
    static boolean same(BoundExpr e, BoundExpr key) {
        return normalize(e).equals(normalize(key));
    }

    private static BoundExpr normalize(BoundExpr e) {
        while (e instanceof BoundExpr.Cast c && textLike(c.type()) && textLike(c.input().type())) {
            e = c.input();
        }
        return ExprRewriter.rewrite(e, x -> x instanceof BoundExpr.ColumnRef c
                ? new BoundExpr.ColumnRef(c.index(), c.type().withoutModifiers(), null) : null);
    }

    /** @return whether {@code e} reads no scan column and can be evaluated once when the scan opens */
    private static boolean isValue(BoundExpr e) {
        return !ExprRewriter.any(e, x -> x instanceof BoundExpr.ColumnRef
                || x instanceof BoundExpr.Subquery s && s.correlated()
                || x instanceof BoundExpr.Call call && call.function().volatile_());
    }

    private static BoundExpr find(List<BoundExpr> conjuncts, BoundExpr e) {
        BoundExpr n = normalize(e);
        for (BoundExpr c : conjuncts) {
            if (normalize(c).equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** @return key element {@code k} of {@code index} over the scan's output columns, or {@code null} */
    static BoundExpr keyOverScan(LogicalPlan.Scan scan, BoundIndex index, int k) {
        int[] outputOf = new int[index.table().columns().size()];
        java.util.Arrays.fill(outputOf, -1);
        for (int j = scan.projection().length - 1; j >= 0; j--) {
            if (scan.projection()[j] >= 0) {
                outputOf[scan.projection()[j]] = j;
            }
        }
        return map(index.keys().get(k), outputOf);
    }

    /** @return {@code e} over the scan's output columns, or {@code null} if it reads an unprojected column */
    private static BoundExpr map(BoundExpr e, int[] outputOf) {
        boolean[] missing = new boolean[1];
        BoundExpr out = ExprRewriter.rewrite(e, x -> {
            if (x instanceof BoundExpr.ColumnRef c) {
                int j = outputOf[c.index()];
                missing[0] |= j < 0;
                return new BoundExpr.ColumnRef(Math.max(j, 0), c.type(), c.name());
            }
            return null;
        });
        return missing[0] ? null : out;
    }
}
