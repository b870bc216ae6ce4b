package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.AggregateCall;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.OuterReferences;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.sql.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Decorrelation of subqueries into joins (unnesting), for subqueries in the conjuncts of a filter
 * (WHERE, HAVING), after Kim ("On Optimizing an SQL-like Nested Query", TODS 1982) with the count
 * bug handled as Ganski and Wong do ("Optimization of Nested SQL Queries Revisited", SIGMOD 1987):
 * <ul>
 *   <li>{@code EXISTS (q)} becomes a semi join of the filter's input with q, {@code NOT EXISTS (q)}
 *       an anti join, when q is correlated through at least one equality (the hash key);</li>
 *   <li>{@code x IN (q)} ({@code x = ANY (q)}) becomes a semi join on {@code x = q's column}, plus
 *       q's correlated conjuncts. {@code NOT IN} stays a subquery: with a NULL among q's values it
 *       is never true, which an anti join does not know;</li>
 *   <li>a correlated scalar subquery {@code (SELECT f(aggregates) FROM ... WHERE inner = outer AND
 *       ...)} anywhere in a conjunct becomes a left join with q's aggregate grouped by the inner
 *       sides of its correlation equalities, and the subquery is replaced by f over the joined
 *       aggregate columns. An outer row without a group gets NULLs from the left join, which is
 *       what every aggregate but count returns for no rows; count's column is wrapped in {@code
 *       COALESCE(count, 0)} (generally: an aggregate whose value over no rows is not NULL is
 *       replaced by that value), so the count bug does not arise.</li>
 * </ul>
 * q's correlated conjuncts are pulled up out of its filters, scans and inner joins, through
 * projections (which then also produce the columns the conjuncts read) and sorts; they become the
 * join's condition, its equalities the hash join's keys and the rest its residual filter. A
 * subquery that reads the enclosing row anywhere else (in its select list, under an aggregate,
 * limit, DISTINCT, set operation or outer join, or from a subquery nested in it), or reads a row
 * two or more levels out, stays a subquery ({@code SubqueryEvaluator}, memoized per outer value).
 * A subquery over one table whose correlation fixes the leading column of its primary key or of an
 * index stays a subquery when the estimated outer rows times a lookup's cost are below the table's
 * rows: each run is then a short key-range read, cheaper than reading the whole table into a hash
 * table. The joins keep the filter's input columns first, so the conjuncts and the plan above read the
 * same positions; a projection drops the joined columns again. Thread-safe (stateless).
 */
final class Decorrelator {
    /** What one per-row lookup of a key range costs, in sequentially read rows (a seek). */
    private static final double LOOKUP_COST = AccessPathSelector.SEEK_COST;

    private final TableStatistics stats;
    private final Catalog catalog;
    private final ToDoubleFunction<LogicalPlan> estimate;

    /**
     * @param stats table sizes
     * @param catalog the tables' indexes, or {@code null}
     * @param estimate the estimated output rows of a plan
     */
    Decorrelator(TableStatistics stats, Catalog catalog, ToDoubleFunction<LogicalPlan> estimate) {
        this.stats = stats;
        this.catalog = catalog;
        this.estimate = estimate;
    }

    /** @return {@code plan} with the subqueries of its filters turned into joins where possible */
    LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan p = plan.inputs().isEmpty() ? plan : RequiredColumns.rewriteInputs(plan,
                RequiredColumns.all(plan.columns().size()), (in, r) -> apply(in));
        return p instanceof LogicalPlan.Filter f ? filter(f) : p;
    }

    private static BoundExpr and(List<BoundExpr> terms) {
        return terms.isEmpty() ? null : terms.size() == 1 ? terms.get(0) : new BoundExpr.And(terms);
    }

    /** A semi or anti join that replaces a conjunct. */
    private record SemiJoin(JoinType type, LogicalPlan right, BoundExpr condition) {
    }

    private LogicalPlan filter(LogicalPlan.Filter f) {
        LogicalPlan input = f.input();
        int width = input.columns().size();
        List<BoundExpr> plain = new ArrayList<>();
        List<SemiJoin> semis = new ArrayList<>();
        List<BoundExpr> scalars = new ArrayList<>();
        List<BoundExpr> all = PhysicalPlanner.conjuncts(f.predicate());
        List<BoundExpr> simple = new ArrayList<>();
        for (BoundExpr c : all) {
            if (!ExprRewriter.any(c, x -> x instanceof BoundExpr.Subquery)) {
                simple.add(c);
            }
        }
        if (simple.size() == all.size()) {
            return f;
        }
        double outerRows = estimate.applyAsDouble(simple.isEmpty() ? input
                : new LogicalPlan.Filter(input, and(simple)));
        for (BoundExpr c : all) {
            SemiJoin s = semiJoin(c, width, outerRows);
            if (s != null) {
                semis.add(s);
            } else if (ExprRewriter.any(c, x -> x instanceof BoundExpr.Subquery q && grouped(q, outerRows) != null)) {
                scalars.add(c);
            } else {
                plain.add(c);
            }
        }
        if (semis.isEmpty() && scalars.isEmpty()) {
            return f;
        }
        LogicalPlan[] current = {plain.isEmpty() ? input : new LogicalPlan.Filter(input, and(plain))};
        for (SemiJoin s : semis) {
            current[0] = new LogicalPlan.Join(s.type(), current[0], apply(s.right()), s.condition());
        }
        List<BoundExpr> rest = new ArrayList<>();
        for (BoundExpr c : scalars) {
            rest.add(ExprRewriter.rewrite(c, x -> {
                Grouped g = x instanceof BoundExpr.Subquery q ? grouped(q, outerRows) : null;
                if (g == null) {
                    return null;
                }
                int offset = current[0].columns().size();
                List<BoundExpr> keys = new ArrayList<>();
                for (int k = 0; k < g.outerKeys().size(); k++) {
                    BoundExpr.Compare eq = g.outerKeys().get(k);
                    PlanColumn key = g.plan().columns().get(k);
                    keys.add(new BoundExpr.Compare(BoundExpr.CompareOp.EQ, toJoin(eq.left(), offset),
                            new BoundExpr.ColumnRef(offset + k, key.type(), key.name()), eq.operandType()));
                }
                current[0] = new LogicalPlan.Join(JoinType.LEFT, current[0], apply(g.plan()), and(keys));
                return toJoin(g.value(), offset);
            }));
        }
        LogicalPlan out = rest.isEmpty() ? current[0] : new LogicalPlan.Filter(current[0], and(rest));
        if (out.columns().size() == width) {
            return out;
        }
        List<BoundExpr> exprs = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            PlanColumn c = out.columns().get(i);
            exprs.add(new BoundExpr.ColumnRef(i, c.type(), c.name()));
        }
        return new LogicalPlan.Project(out, exprs, input.columns());
    }

    /**
     * @return the expression moved from a subquery into the join above its enclosing row: the
     *     subquery's columns shifted by {@code offset} (they follow the enclosing row's), its
     *     references to the enclosing row turned into plain column references
     */
    private static BoundExpr toJoin(BoundExpr e, int offset) {
        return ExprRewriter.rewrite(e, x -> {
            if (x instanceof BoundExpr.ColumnRef c) {
                return new BoundExpr.ColumnRef(c.index() + offset, c.type(), c.name());
            }
            if (x instanceof BoundExpr.OuterRef o) {
                return new BoundExpr.ColumnRef(o.index(), o.type(), o.name());
            }
            return null;
        });
    }

    /**
     * @param outerRows the estimated rows of the filter's input
     * @return the semi or anti join that implements conjunct {@code c}, or {@code null}
     */
    private SemiJoin semiJoin(BoundExpr c, int width, double outerRows) {
        boolean negated = c instanceof BoundExpr.Not;
        BoundExpr inner = negated ? ((BoundExpr.Not) c).input() : c;
        if (!(inner instanceof BoundExpr.Subquery q)) {
            return null;
        }
        if (q.kind() == BoundExpr.SubqueryKind.EXISTS && q.correlated()) {
            LogicalPlan body = q.plan();
            // the select list, duplicates and order do not matter to EXISTS
            while (body instanceof LogicalPlan.Project || body instanceof LogicalPlan.Sort
                    || body instanceof LogicalPlan.Distinct d && d.on().isEmpty()) {
                body = body.inputs().get(0);
            }
            Pulled p = pullAll(body);
            if (p == null || p.conditions().stream().noneMatch(Decorrelator::isEquiCorrelation)
                    || lookupIsCheaper(p, outerRows)) {
                return null;
            }
            List<BoundExpr> cond = new ArrayList<>();
            for (BoundExpr x : p.conditions()) {
                cond.add(toJoin(x, width));
            }
            return new SemiJoin(negated ? JoinType.ANTI : JoinType.SEMI, p.plan(), and(cond));
        }
        if (q.kind() == BoundExpr.SubqueryKind.ANY && q.op() == BoundExpr.CompareOp.EQ && !negated
                && !PhysicalPlanner.columns(q.left()).isEmpty() && !ExprRewriter.any(q.left(),
                        x -> x instanceof BoundExpr.Subquery || x instanceof BoundExpr.Call call
                                && call.function().volatile_())) {
            Pulled p = pullAll(q.plan());
            if (p == null || lookupIsCheaper(p, outerRows)) {
                return null;
            }
            PlanColumn col = q.plan().columns().get(0);
            List<BoundExpr> cond = new ArrayList<>();
            cond.add(new BoundExpr.Compare(BoundExpr.CompareOp.EQ, q.left(),
                    new BoundExpr.ColumnRef(width + p.map()[0], col.type(), col.name()), q.operandType()));
            for (BoundExpr x : p.conditions()) {
                cond.add(toJoin(x, width));
            }
            return new SemiJoin(JoinType.SEMI, p.plan(), and(cond));
        }
        return null;
    }

    /**
     * Whether running the subquery once per outer row is cheaper than the join: when it reads one
     * table and a correlation equality fixes the leading column of the table's primary key or of
     * one of its (non-partial) indexes, each run is a key-range lookup (TPC-H Q4's and Q21's EXISTS
     * on {@code l_orderkey}); the join reads the whole table instead. Lookups cost {@link
     * #LOOKUP_COST} rows each, the join the table's rows.
     */
    private boolean lookupIsCheaper(Pulled p, double outerRows) {
        List<Integer> columns = new ArrayList<>();
        for (BoundExpr c : p.conditions()) {
            if (isEquiCorrelation(c)) {
                BoundExpr.Compare cmp = (BoundExpr.Compare) c;
                BoundExpr inner = innerOnly(cmp.left()) ? cmp.left() : cmp.right();
                if (inner instanceof BoundExpr.ColumnRef r) {
                    columns.add(r.index());
                }
            }
        }
        LogicalPlan x = p.plan();
        while (!(x instanceof LogicalPlan.Scan)) {
            if (x instanceof LogicalPlan.Project pr) {
                List<Integer> below = new ArrayList<>();
                for (int col : columns) {
                    if (pr.exprs().get(col) instanceof BoundExpr.ColumnRef r) {
                        below.add(r.index());
                    }
                }
                columns = below;
            } else if (!(x instanceof LogicalPlan.Filter || x instanceof LogicalPlan.Sort)) {
                return false;
            }
            x = x.inputs().get(0);
        }
        LogicalPlan.Scan scan = (LogicalPlan.Scan) x;
        TableDef table = scan.table();
        List<Integer> leading = new ArrayList<>();
        if (!table.primaryKey().isEmpty()) {
            leading.add(table.primaryKey().get(0));
        }
        if (catalog != null) {
            for (IndexDef index : catalog.indexesOf(table.id())) {
                if (!index.isPartial() && !index.keys().get(0).isExpression()) {
                    leading.add(index.keys().get(0).columnId());
                }
            }
        }
        for (int col : columns) {
            int p0 = scan.projection()[col];
            if (p0 >= 0 && leading.contains(table.columns().get(p0).id())) {
                return outerRows * LOOKUP_COST < stats.rowCount(table);
            }
        }
        return false;
    }

    /**
     * @return whether {@code c} is an equality between an expression of the enclosing row alone
     *     and one of the subquery's columns alone (a hash join key)
     */
    private static boolean isEquiCorrelation(BoundExpr c) {
        return c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ
                && (outerOnly(cmp.left()) && innerOnly(cmp.right()) || innerOnly(cmp.left()) && outerOnly(cmp.right()));
    }

    private static boolean outerOnly(BoundExpr e) {
        return ExprRewriter.any(e, x -> x instanceof BoundExpr.OuterRef)
                && !ExprRewriter.any(e, x -> x instanceof BoundExpr.ColumnRef);
    }

    private static boolean innerOnly(BoundExpr e) {
        return ExprRewriter.any(e, x -> x instanceof BoundExpr.ColumnRef)
                && !ExprRewriter.any(e, x -> x instanceof BoundExpr.OuterRef);
    }

    /**
     * A correlated scalar aggregate subquery as a grouped aggregate: {@code plan} outputs the group
     * keys (the inner sides of the correlation equalities {@code outerKeys}, in order) and then the
     * subquery's aggregates; {@code value} computes the subquery's value over that output, with
     * outer references still pointing at the enclosing row.
     *
     * @param outerKeys per key, {@code outer side = key} (operand type as the original equality)
     */
    private record Grouped(LogicalPlan plan, List<BoundExpr.Compare> outerKeys, BoundExpr value) {
    }

    /**
     * @param outerRows the estimated rows of the filter's input
     * @return {@code q} as a grouped aggregate, or {@code null} when it is not of that form or a
     *     lookup per outer row is cheaper
     */
    private Grouped grouped(BoundExpr.Subquery q, double outerRows) {
        if (q.kind() != BoundExpr.SubqueryKind.SCALAR || !q.correlated()) {
            return null;
        }
        LogicalPlan.Aggregate a;
        BoundExpr value;
        if (q.plan() instanceof LogicalPlan.Project p && p.input() instanceof LogicalPlan.Aggregate x) {
            a = x;
            value = p.exprs().get(0);
        } else if (q.plan() instanceof LogicalPlan.Aggregate x && x.columns().size() == 1) {
            a = x;
            value = new BoundExpr.ColumnRef(0, x.columns().get(0).type(), x.columns().get(0).name());
        } else {
            return null;
        }
        if (!a.groupKeys().isEmpty() || !movable(value)) {
            return null;
        }
        for (AggregateCall c : a.aggregates()) {
            List<BoundExpr> parts = new ArrayList<>(c.args());
            parts.add(c.filter());
            for (SortKey k : c.orderBy()) {
                parts.add(k.expr());
            }
            for (BoundExpr e : parts) {
                if (e != null && ExprRewriter.any(e, x -> x instanceof BoundExpr.OuterRef
                        || x instanceof BoundExpr.Subquery)) {
                    return null;
                }
            }
        }
        Pulled in = pullAll(a.input());
        if (in == null || in.conditions().isEmpty() || lookupIsCheaper(in, outerRows)) {
            return null;
        }
        List<BoundExpr> innerKeys = new ArrayList<>();
        List<BoundExpr.Compare> outerKeys = new ArrayList<>();
        List<PlanColumn> columns = new ArrayList<>();
        for (BoundExpr c : in.conditions()) {
            if (!isEquiCorrelation(c)) {
                return null;
            }
            BoundExpr.Compare cmp = (BoundExpr.Compare) c;
            boolean outerLeft = outerOnly(cmp.left());
            BoundExpr key = outerLeft ? cmp.right() : cmp.left();
            innerKeys.add(key);
            outerKeys.add(new BoundExpr.Compare(BoundExpr.CompareOp.EQ, outerLeft ? cmp.left() : cmp.right(), key,
                    cmp.operandType()));
            columns.add(PlanColumn.of("key" + columns.size(), key.type()));
        }
        int keys = innerKeys.size();
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall c : a.aggregates()) {
            List<SortKey> order = new ArrayList<>();
            for (SortKey k : c.orderBy()) {
                order.add(new SortKey(ExprRewriter.remap(k.expr(), in.map()), k.descending(), k.nullsFirst()));
            }
            calls.add(new AggregateCall(c.function(), remapAll(c.args(), in.map()), c.distinct(),
                    c.filter() == null ? null : ExprRewriter.remap(c.filter(), in.map()), order));
        }
        columns.addAll(a.columns());
        LogicalPlan plan = new LogicalPlan.Aggregate(in.plan(), innerKeys, calls, columns);
        BoundExpr v = ExprRewriter.rewrite(value, x -> {
            if (!(x instanceof BoundExpr.ColumnRef c)) {
                return null;
            }
            BoundExpr ref = new BoundExpr.ColumnRef(keys + c.index(), c.type(), c.name());
            Object empty = a.aggregates().get(c.index()).function().newAccumulator().result();
            // an outer row without a group gets NULL from the left join: right for every aggregate
            // whose value over no rows is NULL; the others (count: 0) get that value instead
            return empty == null ? ref : new BoundExpr.Coalesce(List.of(ref, new BoundExpr.Constant(empty, c.type())),
                    c.type());
        });
        return new Grouped(plan, outerKeys, v);
    }

    /** @return whether a subquery's select-list expression can be evaluated above the join instead */
    private static boolean movable(BoundExpr e) {
        return !ExprRewriter.any(e, x -> x instanceof BoundExpr.Subquery
                || x instanceof BoundExpr.OuterRef o && o.depth() != 1
                || x instanceof BoundExpr.Call c && c.function().volatile_());
    }

    private static List<BoundExpr> remapAll(List<BoundExpr> es, int[] map) {
        List<BoundExpr> out = new ArrayList<>(es.size());
        for (BoundExpr e : es) {
            out.add(ExprRewriter.remap(e, map));
        }
        return out;
    }

    /**
     * A subquery's plan with its correlated conjuncts pulled out: {@code plan} no longer reads the
     * enclosing row; {@code conditions} are over its output and the enclosing row ({@link
     * BoundExpr.OuterRef}s of depth 1); {@code map} gives each old output column's new position.
     */
    private record Pulled(LogicalPlan plan, List<BoundExpr> conditions, int[] map) {
    }

    /** @return the pulled-up form of {@code p}, or {@code null} when it still reads the enclosing row */
    private static Pulled pullAll(LogicalPlan p) {
        Pulled out = pull(p);
        return out == null || OuterReferences.isCorrelated(out.plan()) ? null : out;
    }

    private static Pulled pull(LogicalPlan p) {
        int width = p.columns().size();
        if (!OuterReferences.isCorrelated(p)) {
            return new Pulled(p, List.of(), ProjectionPruner.identity(width));
        }
        if (p instanceof LogicalPlan.Filter f) {
            Pulled in = pull(f.input());
            if (in == null) {
                return null;
            }
            List<BoundExpr> conditions = new ArrayList<>(in.conditions());
            List<BoundExpr> rest = new ArrayList<>();
            if (!split(f.predicate(), in.map(), conditions, rest)) {
                return null;
            }
            LogicalPlan plan = rest.isEmpty() ? in.plan() : new LogicalPlan.Filter(in.plan(), and(rest));
            return new Pulled(plan, conditions, in.map());
        }
        if (p instanceof LogicalPlan.Scan s && s.keyPrefix().isEmpty()) {
            List<BoundExpr> conditions = new ArrayList<>();
            List<BoundExpr> rest = new ArrayList<>();
            if (!split(s.filter(), ProjectionPruner.identity(width), conditions, rest)) {
                return null;
            }
            return new Pulled(new LogicalPlan.Scan(s.table(), s.projection(), and(rest), s.columns()), conditions,
                    ProjectionPruner.identity(width));
        }
        if (p instanceof LogicalPlan.Project pr) {
            return project(pr);
        }
        if (p instanceof LogicalPlan.Join j && j.type() == JoinType.INNER) {
            Pulled l = pull(j.left());
            Pulled r = l == null ? null : pull(j.right());
            if (r == null) {
                return null;
            }
            int lw = j.left().columns().size();
            int newLeft = l.plan().columns().size();
            int[] map = new int[width];
            for (int i = 0; i < width; i++) {
                map[i] = i < lw ? l.map()[i] : newLeft + r.map()[i - lw];
            }
            List<BoundExpr> conditions = new ArrayList<>(l.conditions());
            for (BoundExpr c : r.conditions()) {
                conditions.add(ExprRewriter.shift(c, newLeft));
            }
            List<BoundExpr> rest = new ArrayList<>();
            if (!split(j.condition(), map, conditions, rest)) {
                return null;
            }
            return new Pulled(new LogicalPlan.Join(JoinType.INNER, l.plan(), r.plan(), and(rest)), conditions, map);
        }
        if (p instanceof LogicalPlan.Sort s) {
            Pulled in = pull(s.input());
            if (in == null) {
                return null;
            }
            List<SortKey> keys = new ArrayList<>();
            for (SortKey k : s.keys()) {
                keys.add(new SortKey(ExprRewriter.remap(k.expr(), in.map()), k.descending(), k.nullsFirst()));
            }
            return new Pulled(new LogicalPlan.Sort(in.plan(), keys), in.conditions(), in.map());
        }
        return null;
    }

    /**
     * A projection over a plan whose correlated conjuncts were pulled out: it also produces the
     * columns the conjuncts read (after its own), so that they can be evaluated above it.
     */
    private static Pulled project(LogicalPlan.Project pr) {
        Pulled in = pull(pr.input());
        if (in == null) {
            return null;
        }
        List<BoundExpr> exprs = remapAll(pr.exprs(), in.map());
        List<PlanColumn> columns = new ArrayList<>(pr.columns());
        List<PlanColumn> below = in.plan().columns();
        int[] position = new int[below.size()];
        java.util.Arrays.fill(position, -1);
        List<BoundExpr> conditions = new ArrayList<>();
        for (BoundExpr c : in.conditions()) {
            for (int col : PhysicalPlanner.columns(c)) {
                if (position[col] < 0) {
                    position[col] = exprs.size();
                    PlanColumn pc = below.get(col);
                    exprs.add(new BoundExpr.ColumnRef(col, pc.type(), pc.name()));
                    columns.add(pc);
                }
            }
            conditions.add(ExprRewriter.remap(c, position));
        }
        return new Pulled(new LogicalPlan.Project(in.plan(), exprs, columns), conditions,
                ProjectionPruner.identity(pr.columns().size()));
    }

    /**
     * Splits the conjuncts of {@code predicate} (renumbered by {@code map}) into those that read
     * the enclosing row ({@code conditions}) and the others ({@code rest}).
     *
     * @return false when a conjunct reads the enclosing row in a way that cannot move up (through
     *     a nested subquery, a volatile function, or a row further out)
     */
    private static boolean split(BoundExpr predicate, int[] map, List<BoundExpr> conditions, List<BoundExpr> rest) {
        for (BoundExpr c : PhysicalPlanner.conjuncts(predicate)) {
            BoundExpr m = ExprRewriter.remap(c, map);
            if (!ExprRewriter.any(m, x -> x instanceof BoundExpr.OuterRef)) {
                rest.add(m);
            } else if (movable(m)) {
                conditions.add(m);
            } else {
                return false;
            }
        }
        return true;
    }
}
