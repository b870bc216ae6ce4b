package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.AggregateCall;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.sql.plan.SortKey;
import dev.lodedb.sql.plan.WindowCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an (optimized) logical plan into a tree of physical operators: Scan → {@link TableScan},
 * IndexScan → {@link IndexScan} or {@link IndexOnlyScan}, BitmapHeapScan → {@link BitmapHeapScan}
 * over {@link BitmapMerge}s and {@link BitmapIndexScan}s,
 * Join → {@link HashJoin} (hash join on the equi-join conjuncts of the condition, nested loop when
 * there are none), IndexJoin → {@link IndexNestedLoopJoin}, MergeJoin → {@link MergeJoin}, Aggregate →
 * {@link HashAggregate}, GroupAggregate → {@link GroupAggregate}, Sort with a constant LIMIT above it →
 * top-N {@link SortOperator}, and one operator per remaining node. Thread-safe (stateless).
 */
public final class PhysicalPlanner {
    /** Whether every operator is wrapped in an {@link InstrumentedOperator} (EXPLAIN ANALYZE). */
    private final boolean instrument;
    /** The logical node each operator was built from (for EXPLAIN's estimates), or {@code null}. */
    private final java.util.Map<Operator, LogicalPlan> origins;

    private PhysicalPlanner(boolean instrument) {
        this(instrument, null);
    }

    private PhysicalPlanner(boolean instrument, java.util.Map<Operator, LogicalPlan> origins) {
        this.instrument = instrument;
        this.origins = origins;
    }

    /**
     * @param plan the plan
     * @param instrument whether to wrap every operator as {@link #planInstrumented} does
     * @param origins receives the logical node each operator of the tree was built from (EXPLAIN
     *     prints that node's estimates)
     * @return the operator tree for {@code plan}
     */
    public static Operator planForExplain(LogicalPlan plan, boolean instrument,
            java.util.Map<Operator, LogicalPlan> origins) {
        return new PhysicalPlanner(instrument, origins).build(plan);
    }

    /** @return the operator tree for {@code plan} */
    public static Operator plan(LogicalPlan plan) {
        return new PhysicalPlanner(false).build(plan);
    }

    /**
     * @return the operator tree for {@code plan} with every operator wrapped in an
     *     {@link InstrumentedOperator} that counts rows, loops and time (EXPLAIN ANALYZE); subquery
     *     plans built while it runs are not instrumented
     */
    public static Operator planInstrumented(LogicalPlan plan) {
        return new PhysicalPlanner(true).build(plan);
    }

    private Operator wrap(Operator op) {
        return instrument ? new InstrumentedOperator(op) : op;
    }

    private Operator build(LogicalPlan plan) {
        return origin(wrap(node(plan)), plan);
    }

    private Operator origin(Operator op, LogicalPlan plan) {
        if (origins != null) {
            origins.put(op, plan);
        }
        return op;
    }

    private Operator node(LogicalPlan plan) {
        if (plan instanceof LogicalPlan.Scan s) {
            return new TableScan(s.table(), s.projection(), s.filter() == null ? null
                    : ExpressionCompiler.compile(s.filter()), ExpressionCompiler.all(s.keyPrefix()), s.keyRange(),
                    s.filter() == null || ExprRewriter.any(s.filter(), x -> x instanceof BoundExpr.Subquery q
                            && q.correlated()) ? null : columns(s.filter())); // a subquery reads the whole row
        }
        if (plan instanceof LogicalPlan.IndexScan s) {
            return indexScan(s);
        }
        if (plan instanceof LogicalPlan.BitmapHeapScan
                || plan instanceof LogicalPlan.BitmapIndexScan
                || plan instanceof LogicalPlan.BitmapAnd || plan instanceof LogicalPlan.BitmapOr) {
            return bitmap(plan);
        }
        if (plan instanceof LogicalPlan.Values v) {
            List<List<Evaluator>> rows = new ArrayList<>();
            for (List<BoundExpr> r : v.rows()) {
                rows.add(ExpressionCompiler.all(r));
            }
            return new ValuesOperator(rows, types(v.columns()));
        }
        if (plan instanceof LogicalPlan.TableFunction f) {
            return new TableFunctionOperator(f.name(), ExpressionCompiler.all(f.args()), f.withOrdinality(),
                    types(f.columns()));
        }
        if (plan instanceof LogicalPlan.Filter f) {
            return new FilterOperator(build(f.input()), ExpressionCompiler.compile(f.predicate()),
                    ExplainText.expr(f.predicate(), f.input().columns()));
        }
        if (plan instanceof LogicalPlan.Project p) {
            return new ProjectOperator(build(p.input()), ExpressionCompiler.all(p.exprs()), types(p.columns()));
        }
        if (plan instanceof LogicalPlan.Join j) {
            return join(j);
        }
        if (plan instanceof LogicalPlan.IndexJoin j) {
            return new IndexNestedLoopJoin(j.type(), build(j.outer()), build(IndexNestedLoopJoin.described(j)),
                    ExpressionCompiler.all(j.outerKeys()), compile(j.condition()), IndexNestedLoopJoin.description(j));
        }
        if (plan instanceof LogicalPlan.Aggregate a) {
            return new HashAggregate(build(a.input()), accumulators(a), types(a.columns()));
        }
        if (plan instanceof LogicalPlan.GroupAggregate g) {
            LogicalPlan.Aggregate a = g.aggregate();
            StringBuilder d = new StringBuilder("GroupAggregate\nGroup Key: ");
            for (int i = 0; i < a.groupKeys().size(); i++) {
                d.append(i > 0 ? ", " : "").append(ExplainText.expr(a.groupKeys().get(i), a.input().columns()));
            }
            return new GroupAggregate(build(a.input()), accumulators(a), types(a.columns()), d.toString());
        }
        if (plan instanceof LogicalPlan.MergeJoin m) {
            return mergeJoin(m);
        }
        if (plan instanceof LogicalPlan.Window w) {
            List<List<Evaluator>> args = new ArrayList<>();
            List<List<Evaluator>> parts = new ArrayList<>();
            List<List<Evaluator>> orders = new ArrayList<>();
            for (WindowCall c : w.calls()) {
                args.add(ExpressionCompiler.all(c.args()));
                parts.add(ExpressionCompiler.all(c.partitionBy()));
                List<BoundExpr> keys = new ArrayList<>();
                for (SortKey k : c.orderBy()) {
                    keys.add(k.expr());
                }
                orders.add(ExpressionCompiler.all(keys));
            }
            return new WindowOperator(build(w.input()), w.calls(), args, parts, orders, types(w.columns()));
        }
        if (plan instanceof LogicalPlan.Sort s) {
            return sort(s, -1);
        }
        if (plan instanceof LogicalPlan.Limit l) {
            if (l.input() instanceof LogicalPlan.Sort s && l.limit() instanceof BoundExpr.Constant lim
                    && lim.value() != null && (l.offset() == null || l.offset() instanceof BoundExpr.Constant)) {
                long n = ((Number) lim.value()).longValue();
                Object off = l.offset() == null ? null : ((BoundExpr.Constant) l.offset()).value();
                long o = off == null ? 0 : ((Number) off).longValue();
                if (n >= 0 && o >= 0 && n + o < 1_000_000) {
                    return new LimitOperator(origin(wrap(sort(s, n + o)), s), compile(l.limit()), compile(l.offset()));
                }
            }
            return new LimitOperator(build(l.input()), compile(l.limit()), compile(l.offset()));
        }
        if (plan instanceof LogicalPlan.Distinct d) {
            return new DistinctOperator(build(d.input()), ExpressionCompiler.all(d.on()));
        }
        if (plan instanceof LogicalPlan.SetOp s) {
            return new SetOperator(s.kind(), s.all(), build(s.left()), build(s.right()));
        }
        if (plan instanceof LogicalPlan.RecursiveCte r) {
            return new RecursiveCteOperator(r.id(), build(r.anchor()), r.recursive(), r.unionAll(),
                    types(r.columns()));
        }
        if (plan instanceof LogicalPlan.CteScan c) {
            int id = c.id();
            return new RowsScan(types(c.columns()), ctx -> ctx.workingTable(id), "WorkTable Scan");
        }
        LogicalPlan.MaterializedCte m = (LogicalPlan.MaterializedCte) plan;
        int id = m.id();
        LogicalPlan input = m.input();
        return new RowsScan(types(m.columns()), ctx -> {
            List<Object[]> rows = ctx.materialized(id);
            if (rows == null) {
                rows = RecursiveCteOperator.collect(build(input), ctx);
                ctx.setMaterialized(id, rows);
            }
            return rows;
        }, "CTE Scan");
    }

    /**
     * @return an {@link IndexScan} or {@link IndexOnlyScan}, described as PostgreSQL's EXPLAIN does:
     *     {@code Index [Only] Scan using i on t}, then {@code Index Cond: ...} and {@code Filter: ...}
     *     lines
     */
    private Operator indexScan(LogicalPlan.IndexScan s) {
        List<PlanColumn> cols = s.scan().columns();
        StringBuilder d = new StringBuilder(s.indexOnly() ? "Index Only Scan using " : "Index Scan using ")
                .append(s.index().index().name()).append(" on ").append(s.scan().table().name());
        condition(d, "Index Cond", s.conditions(), cols);
        if (s.filter() != null) {
            d.append("\nFilter: ").append(ExplainText.expr(s.filter(), cols));
        }
        Evaluator filter = compile(s.filter());
        if (s.indexOnly()) {
            return new IndexOnlyScan(s.scan().table(), s.index(), s.bounds(), s.scan().projection(), filter,
                    d.toString());
        }
        return new IndexScan(s.scan().table(), s.index(), s.bounds(), s.scan().projection(), filter, d.toString(),
                s.limitHint());
    }

    /** Appends an EXPLAIN detail line {@code label: (c1 AND c2 ...)} unless there are no conditions. */
    private static void condition(StringBuilder d, String label, List<BoundExpr> conditions, List<PlanColumn> cols) {
        if (!conditions.isEmpty()) {
            BoundExpr cond = conditions.size() == 1 ? conditions.get(0) : new BoundExpr.And(conditions);
            d.append('\n').append(label).append(": ").append(ExplainText.expr(cond, cols));
        }
    }

    /**
     * @return a {@link BitmapHeapScan}, {@link BitmapMerge} or {@link BitmapIndexScan}, described as
     *     PostgreSQL's EXPLAIN does: {@code Bitmap Heap Scan on t} with {@code Recheck Cond} and
     *     {@code Filter} lines over {@code BitmapAnd} / {@code BitmapOr} over {@code Bitmap Index
     *     Scan on i} with an {@code Index Cond} line
     */
    private Operator bitmap(LogicalPlan plan) {
        if (plan instanceof LogicalPlan.BitmapHeapScan h) {
            List<PlanColumn> cols = h.scan().columns();
            StringBuilder d = new StringBuilder("Bitmap Heap Scan on ").append(h.scan().table().name());
            condition(d, "Recheck Cond", h.recheck(), cols);
            if (h.filter() != null) {
                d.append("\nFilter: ").append(ExplainText.expr(h.filter(), cols));
            }
            return new BitmapHeapScan(h.scan().table(), build(h.bitmap()), h.scan().projection(),
                    compile(h.scan().filter()), d.toString());
        }
        if (plan instanceof LogicalPlan.BitmapIndexScan s) {
            StringBuilder d = new StringBuilder("Bitmap Index Scan on ").append(s.index().index().name());
            condition(d, "Index Cond", s.conditions(), s.scan().columns());
            return new BitmapIndexScan(s.scan().table(), s.index(), s.bounds(), s.presorted(), d.toString());
        }
        List<Operator> inputs = new ArrayList<>();
        for (LogicalPlan in : plan.inputs()) {
            inputs.add(build(in));
        }
        return new BitmapMerge(inputs, plan instanceof LogicalPlan.BitmapAnd);
    }

    /** @return the group keys, aggregate calls and their evaluators of {@code a} */
    private static GroupAccumulators accumulators(LogicalPlan.Aggregate a) {
        List<List<Evaluator>> args = new ArrayList<>();
        List<Evaluator> filters = new ArrayList<>();
        List<List<Evaluator>> orders = new ArrayList<>();
        for (AggregateCall c : a.aggregates()) {
            args.add(ExpressionCompiler.all(c.args()));
            filters.add(c.filter() == null ? null : ExpressionCompiler.compile(c.filter()));
            List<BoundExpr> keys = new ArrayList<>();
            for (SortKey k : c.orderBy()) {
                keys.add(k.expr());
            }
            orders.add(ExpressionCompiler.all(keys));
        }
        return new GroupAccumulators(ExpressionCompiler.all(a.groupKeys()), a.aggregates(), args, filters, orders);
    }

    /**
     * @return a {@link MergeJoin}, described as PostgreSQL's EXPLAIN does: {@code Merge [Left|...] Join},
     *     then {@code Merge Cond: (l = r AND ...)} and {@code Join Filter: ...} lines
     */
    private Operator mergeJoin(LogicalPlan.MergeJoin m) {
        StringBuilder d = new StringBuilder(joinName(m.type(), "Merge")).append("\n");
        d.append(condLine("Merge Cond", m.leftKeys(), m.rightKeys(), m.left().columns(), m.right().columns()));
        if (m.residual() != null) {
            List<PlanColumn> all = new ArrayList<>(m.left().columns());
            all.addAll(m.right().columns());
            d.append("\nJoin Filter: ").append(ExplainText.expr(m.residual(), all));
        }
        return new MergeJoin(m.type(), build(m.left()), build(m.right()), ExpressionCompiler.all(m.leftKeys()),
                ExpressionCompiler.all(m.rightKeys()), compile(m.residual()), d.toString());
    }

    /** @return {@code name: (l1 = r1 AND l2 = r2 ...)} over the two inputs' columns */
    private static String condLine(String name, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
            List<PlanColumn> leftColumns, List<PlanColumn> rightColumns) {
        StringBuilder sb = new StringBuilder(name).append(": (");
        for (int i = 0; i < leftKeys.size(); i++) {
            sb.append(i > 0 ? " AND " : "").append(ExplainText.expr(leftKeys.get(i), leftColumns))
                    .append(" = ").append(ExplainText.expr(rightKeys.get(i), rightColumns));
        }
        return sb.append(')').toString();
    }

    private static Evaluator compile(BoundExpr e) {
        return e == null ? null : ExpressionCompiler.compile(e);
    }

    private Operator sort(LogicalPlan.Sort s, long limit) {
        List<BoundExpr> keys = new ArrayList<>();
        boolean[] desc = new boolean[s.keys().size()];
        boolean[] nullsFirst = new boolean[desc.length];
        for (int i = 0; i < desc.length; i++) {
            SortKey k = s.keys().get(i);
            keys.add(k.expr());
            desc[i] = k.descending();
            nullsFirst[i] = k.nullsFirst();
        }
        return new SortOperator(build(s.input()), ExpressionCompiler.all(keys), desc, nullsFirst, limit);
    }

    /** @return the column types */
    public static List<DataType> types(List<PlanColumn> columns) {
        List<DataType> t = new ArrayList<>(columns.size());
        for (PlanColumn c : columns) {
            t.add(c.type());
        }
        return t;
    }

    private Operator join(LogicalPlan.Join j) {
        int leftWidth = j.left().columns().size();
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr c : conjuncts(j.condition())) {
            if (c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ) {
                Side l = side(cmp.left(), leftWidth);
                Side r = side(cmp.right(), leftWidth);
                if (l == Side.LEFT && r == Side.RIGHT) {
                    leftKeys.add(cmp.left());
                    rightKeys.add(ExprRewriter.shift(cmp.right(), -leftWidth));
                    continue;
                }
                if (l == Side.RIGHT && r == Side.LEFT) {
                    leftKeys.add(cmp.right());
                    rightKeys.add(ExprRewriter.shift(cmp.left(), -leftWidth));
                    continue;
                }
            }
            residual.add(c);
        }
        BoundExpr rest = residual.isEmpty() ? null : residual.size() == 1 ? residual.get(0)
                : new BoundExpr.And(residual);
        String desc = joinName(j.type(), leftKeys.isEmpty() ? null : "Hash");
        List<PlanColumn> all = new ArrayList<>(j.left().columns());
        all.addAll(j.right().columns());
        if (!leftKeys.isEmpty()) {
            desc += "\n" + condLine("Hash Cond", leftKeys, rightKeys, j.left().columns(), j.right().columns());
        }
        if (rest != null) {
            desc += "\nJoin Filter: " + ExplainText.expr(rest, all);
        }
        return new HashJoin(j.type(), build(j.left()), build(j.right()), ExpressionCompiler.all(leftKeys),
                ExpressionCompiler.all(rightKeys), rest == null ? null : ExpressionCompiler.compile(rest), desc);
    }

    /**
     * @param method {@code Hash} or {@code Merge}, or {@code null} for a nested loop
     * @return PostgreSQL's EXPLAIN name of a join: {@code Hash Join}, {@code Hash Left Join}, {@code
     *     Merge Semi Join}, {@code Hash Anti Join}, ..., or {@code Nested Loop [Left|... Join]}
     */
    static String joinName(JoinType type, String method) {
        String kind = switch (type) {
            case INNER -> "";
            case LEFT -> "Left ";
            case RIGHT -> "Right ";
            case FULL -> "Full ";
            case SEMI -> "Semi ";
            case ANTI -> "Anti ";
        };
        if (method != null) {
            return method + " " + kind + "Join";
        }
        return kind.isEmpty() ? "Nested Loop" : "Nested Loop " + kind + "Join";
    }

    /** @return the conjuncts of a condition ({@code null}: none) */
    public static List<BoundExpr> conjuncts(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        if (e instanceof BoundExpr.And a) {
            for (BoundExpr t : a.terms()) {
                out.addAll(conjuncts(t));
            }
        } else {
            out.add(e);
        }
        return out;
    }

    enum Side { NONE, LEFT, RIGHT, BOTH }

    /** @return which input of a join the columns of {@code e} come from */
    static Side side(BoundExpr e, int leftWidth) {
        Set<Integer> cols = columns(e);
        if (ExprRewriter.any(e, x -> x instanceof BoundExpr.Subquery || x instanceof BoundExpr.Call c
                && c.function().volatile_())) {
            return Side.BOTH;
        }
        boolean l = false;
        boolean r = false;
        for (int c : cols) {
            if (c < leftWidth) {
                l = true;
            } else {
                r = true;
            }
        }
        return l && r ? Side.BOTH : l ? Side.LEFT : r ? Side.RIGHT : Side.NONE;
    }

    /** @return the input columns {@code e} references */
    public static Set<Integer> columns(BoundExpr e) {
        Set<Integer> out = new HashSet<>();
        ExprRewriter.visit(e, x -> {
            if (x instanceof BoundExpr.ColumnRef c) {
                out.add(c.index());
            }
        });
        return out;
    }

    /** Joins of the given type keep the left input's rows as the probe side. */
    static boolean preservesLeft(JoinType t) {
        return t == JoinType.LEFT || t == JoinType.FULL || t == JoinType.ANTI;
    }
}
