package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Values;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.BoundExpr.SubqueryKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a subquery expression. An uncorrelated subquery runs once per statement and its
 * result (a value, a flag, or the set of values for IN / ANY / ALL) is cached; a correlated one
 * runs once per distinct combination of the enclosing row's values it reads (results memoized
 * per statement, up to {@value #MEMO_LIMIT}) with that row pushed as the enclosing row. ANY and ALL
 * follow SQL's three-valued logic: {@code x = ANY (...)} is NULL when no value matched but a NULL
 * was among them or {@code x} is NULL over a non-empty set.
 */
final class SubqueryEvaluator extends Evaluator {
    private final BoundExpr.Subquery subquery;
    private final Evaluator left;

    /** Most results a correlated subquery keeps memoized per statement. */
    static final int MEMO_LIMIT = 100_000;
    /** Columns of the enclosing row the correlated subquery reads: its memo key. */
    private final int[] keyColumns;
    private final java.util.Map<KeyNormalizer.Key, Object> memo = new java.util.HashMap<>();

    SubqueryEvaluator(BoundExpr.Subquery subquery, Evaluator left) {
        super(subquery.type());
        this.subquery = subquery;
        this.left = left;
        this.keyColumns = subquery.correlated() && !dev.lodedb.sql.plan.OuterReferences.callsVolatile(subquery.plan())
                ? dev.lodedb.sql.plan.OuterReferences.of(subquery.plan()).stream().filter(i -> i >= 0)
                        .mapToInt(Integer::intValue).toArray()
                : null;
    }

    /** The materialized values of a subquery used with ANY/ALL. */
    private record ValueSet(List<Object> values, Set<Object> normalized, boolean hasNull) {
    }

    /** The execution the memo belongs to: an operator tree may be re-opened for the next one. */
    private ExecContext memoFor;

    @Override
    public Vector evaluate(DataChunk chunk, ExecContext ctx) {
        if (memoFor != ctx) {
            memo.clear();
            memoFor = ctx;
        }
        Vector out = result(chunk);
        Vector l = left == null ? null : left.evaluate(chunk, ctx);
        int n = chunk.size();
        for (int k = 0; k < n; k++) {
            int i = chunk.row(k);
            Object result;
            if (subquery.correlated()) {
                ctx.checkCancelled();
                Object[] row = chunk.rowValues(k);
                KeyNormalizer.Key key = null;
                if (keyColumns != null) {
                    Object[] kv = new Object[keyColumns.length];
                    for (int j = 0; j < kv.length; j++) {
                        kv[j] = row[keyColumns[j]];
                    }
                    key = new KeyNormalizer.Key(kv);
                    result = memo.get(key);
                    if (result != null) {
                        out.set(i, finish(result, l == null ? null : l.get(i)));
                        continue;
                    }
                }
                ctx.pushOuterRow(row);
                try {
                    result = run(ctx);
                } finally {
                    ctx.popOuterRow();
                }
                if (key != null && memo.size() < MEMO_LIMIT) {
                    memo.put(key, result);
                }
            } else {
                result = ctx.cachedSubquery(subquery);
                if (result == null) {
                    result = run(ctx);
                    ctx.cacheSubquery(subquery, result);
                }
            }
            out.set(i, finish(result, l == null ? null : l.get(i)));
        }
        return out;
    }

    private static final Object NULL_RESULT = new Object();

    /**
     * The subquery's operator tree, planned at its first run and re-opened for every later one (a
     * correlated subquery runs once per distinct outer value: planning it and allocating its
     * chunks each time cost more than a short key-range read).
     */
    private Operator tree;

    private Object run(ExecContext ctx) {
        if (tree == null) {
            tree = PhysicalPlanner.plan(subquery.plan());
        }
        Operator op = tree;
        op.open(ctx);
        try {
            switch (subquery.kind()) {
                case EXISTS: {
                    DataChunk c = op.next();
                    return c != null && c.size() > 0;
                }
                case SCALAR: {
                    Object value = NULL_RESULT;
                    DataChunk c;
                    while ((c = op.next()) != null) {
                        if (c.size() > 1 || (c.size() == 1 && value != NULL_RESULT)) {
                            throw new SqlException("21000", "more than one row returned by a subquery used as an expression");
                        }
                        if (c.size() == 1) {
                            Object v = c.column(0).get(c.row(0));
                            value = v == null ? null : v;
                            if (value == null) {
                                value = NULL_MARK;
                            }
                        }
                    }
                    return value;
                }
                default: {
                    List<Object> values = new ArrayList<>();
                    Set<Object> normalized = new HashSet<>();
                    boolean hasNull = false;
                    DataChunk c;
                    while ((c = op.next()) != null) {
                        for (int k = 0; k < c.size(); k++) {
                            Object v = c.column(0).get(c.row(k));
                            if (v == null) {
                                hasNull = true;
                            } else {
                                values.add(v);
                                if (subquery.op() == BoundExpr.CompareOp.EQ || subquery.op() == BoundExpr.CompareOp.NE) {
                                    normalized.add(KeyNormalizer.normalize(subquery.operandType(), v));
                                }
                            }
                        }
                    }
                    return new ValueSet(values, normalized, hasNull);
                }
            }
        } finally {
            op.close();
        }
    }

    private static final Object NULL_MARK = new Object();

    private Object finish(Object result, Object x) {
        switch (subquery.kind()) {
            case EXISTS:
                return result;
            case SCALAR:
                return result == NULL_RESULT || result == NULL_MARK ? null : result;
            default:
                break;
        }
        ValueSet set = (ValueSet) result;
        boolean any = subquery.kind() == SubqueryKind.ANY;
        if (set.values.isEmpty() && !set.hasNull) {
            return !any;
        }
        if (x == null) {
            return null;
        }
        BoundExpr.CompareOp op = subquery.op();
        if (op == BoundExpr.CompareOp.EQ && any) {
            if (set.normalized.contains(KeyNormalizer.normalize(subquery.operandType(), x))) {
                return true;
            }
            return set.hasNull ? null : false;
        }
        if (op == BoundExpr.CompareOp.NE && !any) {
            if (set.normalized.contains(KeyNormalizer.normalize(subquery.operandType(), x))) {
                return false;
            }
            return set.hasNull ? null : true;
        }
        for (Object v : set.values) {
            boolean t = op.test(Values.compare(subquery.operandType(), x, v));
            if (any && t) {
                return true;
            }
            if (!any && !t) {
                return false;
            }
        }
        if (set.hasNull) {
            return null;
        }
        return !any;
    }
}
