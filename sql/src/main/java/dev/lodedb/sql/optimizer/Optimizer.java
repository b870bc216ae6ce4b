package dev.lodedb.sql.optimizer;

import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Rule-based rewrites of logical plans before physical planning:
 * <ul>
 *   <li>first, subqueries in filter conjuncts become semi, anti and left joins ({@link
 *       Decorrelator}, {@code enable_decorrelation});</li>
 *   <li>semi and anti joins move down the inner join tree below them to the one relation whose
 *       columns their condition reads (semi join reduction), and filters above them below them;
 *       an outer join's ON conjuncts that read only its nullable side filter that side;</li>
 *   <li>filters are merged into the scans below them (evaluated on each decoded chunk), and their
 *       equalities and ranges on the leading primary-key columns become the scan's key prefix and
 *       key range;</li>
 *   <li>trees of inner joins and cross products (FROM a, b, c WHERE ...) are flattened with the
 *       WHERE conjuncts: single-table conjuncts are pushed down to their table, and the tables
 *       are ordered by {@link JoinEnumerator} (dynamic programming) or, beyond its limit, greedily —
 *       smallest estimated input first, then always the smallest table connected by an equi-join
 *       conjunct, with the smaller side as the hash join's build side. A projection
 *       restores the original column order, and conjuncts containing correlated subqueries stay
 *       above it.</li>
 * </ul>
 * After these, subquery plans are optimized the same way (an EXISTS subquery's select list replaced
 * by {@code true}), and unused columns are removed ({@link ProjectionPruner}, {@code
 * enable_column_pruning}).
 * The join-order estimates of a leaf come from {@link CostEstimator} when one of its tables was
 * analyzed; otherwise they are deliberately simple (row counts and fixed selectivities: 0.1 for
 * an equality with a constant, 0.3 for any other predicate). Last, {@link AccessPathSelector}
 * chooses each scan's access path (sequential, primary key, index, index-only) by cost.
 * Thread-safe (stateless apart from the statistics it is given).
 */
public final class Optimizer {
    private final TableStatistics stats;
    private final dev.lodedb.engine.catalog.Catalog catalog;
    private final PlannerSettings settings;
    private final JoinSettings joinSettings;

    /** @param stats the source of table sizes */
    public Optimizer(TableStatistics stats) {
        this(stats, null, PlannerSettings.DEFAULT);
    }

    /**
     * @param stats the source of table sizes
     * @param catalog the catalog the plans are bound against, for the tables' indexes ({@code
     *     null}: no index is used)
     * @param settings the session's planner settings
     */
    public Optimizer(TableStatistics stats, dev.lodedb.engine.catalog.Catalog catalog, PlannerSettings settings) {
        this(stats, catalog, settings, JoinSettings.DEFAULT);
    }

    /**
     * @param stats the source of table sizes
     * @param catalog the catalog the plans are bound against ({@code null}: no index is used)
     * @param settings the session's planner settings
     * @param joinSettings the session's join planning settings ({@link JoinEnumerator}, {@link JoinMethods})
     */
    public Optimizer(TableStatistics stats, dev.lodedb.engine.catalog.Catalog catalog, PlannerSettings settings,
            JoinSettings joinSettings) {
        this.stats = stats;
        this.catalog = catalog;
        this.settings = settings;
        this.joinSettings = joinSettings;
    }

    /** @return the planner settings plans are made with */
    public PlannerSettings settings() {
        return settings;
    }

    /**
     * @return the rewritten plan (same output columns), subquery plans included, with each scan's
     *     access path chosen ({@link AccessPathSelector})
     */
    public LogicalPlan run(LogicalPlan plan) {
        LogicalPlan rewritten = subqueries(optimize(settings.enableDecorrelation()
                ? new Decorrelator(stats, catalog, this::estimate).apply(plan) : plan));
        if (settings.enableColumnPruning()) {
            rewritten = ProjectionPruner.apply(rewritten);
        }
        return new JoinMethods(stats, catalog, joinSettings, settings).apply(
                new AccessPathSelector(stats, catalog, settings).apply(rewritten));
    }

    /**
     * @return the plan of subquery {@code s}; for EXISTS, whose result depends only on whether a row
     *     comes, with its select list replaced by the constant {@code true}, never evaluated (as
     *     PostgreSQL's {@code simplify_EXISTS_query} does), so that projection pruning reads only what
     *     the subquery's conditions need
     */
    private static LogicalPlan existsTarget(BoundExpr.Subquery s) {
        if (s.kind() != BoundExpr.SubqueryKind.EXISTS) {
            return s.plan();
        }
        LogicalPlan rows = s.plan();
        while (rows instanceof LogicalPlan.Project p) { // a projection never changes the number of rows
            rows = p.input();
        }
        return new LogicalPlan.Project(rows, List.of(new BoundExpr.Constant(Boolean.TRUE,
                dev.lodedb.engine.types.DataType.BOOLEAN)), List.of(PlanColumn.of("exists",
                dev.lodedb.engine.types.DataType.BOOLEAN)));
    }

    /** Optimizes the plans of subquery expressions anywhere in {@code plan}. */
    private LogicalPlan subqueries(LogicalPlan plan) {
        java.util.function.UnaryOperator<BoundExpr> f = e -> e == null ? null : ExprRewriter.rewrite(e, x ->
                x instanceof BoundExpr.Subquery s ? new BoundExpr.Subquery(s.kind(), run(existsTarget(s)),
                        s.left() == null ? null : ExprRewriter.rewrite(s.left(), y -> null), s.op(), s.operandType(),
                        s.correlated(), s.type()) : null);
        if (plan instanceof LogicalPlan.Scan s) {
            return new LogicalPlan.Scan(s.table(), s.projection(), f.apply(s.filter()), s.columns(), s.keyPrefix(),
                    s.keyRange());
        }
        if (plan instanceof LogicalPlan.Values v) {
            List<List<BoundExpr>> rows = new ArrayList<>();
            for (List<BoundExpr> r : v.rows()) {
                rows.add(r.stream().map(f).toList());
            }
            return new LogicalPlan.Values(rows, v.columns());
        }
        if (plan instanceof LogicalPlan.Filter x) {
            return new LogicalPlan.Filter(subqueries(x.input()), f.apply(x.predicate()));
        }
        if (plan instanceof LogicalPlan.Project p) {
            return new LogicalPlan.Project(subqueries(p.input()), p.exprs().stream().map(f).toList(), p.columns());
        }
        if (plan instanceof LogicalPlan.Join j) {
            return new LogicalPlan.Join(j.type(), subqueries(j.left()), subqueries(j.right()), f.apply(j.condition()));
        }
        if (plan instanceof LogicalPlan.Aggregate a) {
            return new LogicalPlan.Aggregate(subqueries(a.input()), a.groupKeys(), a.aggregates(), a.columns());
        }
        if (plan instanceof LogicalPlan.Window w) {
            return new LogicalPlan.Window(subqueries(w.input()), w.calls(), w.columns());
        }
        if (plan instanceof LogicalPlan.Sort x) {
            return new LogicalPlan.Sort(subqueries(x.input()), x.keys());
        }
        if (plan instanceof LogicalPlan.Limit l) {
            return new LogicalPlan.Limit(subqueries(l.input()), l.limit(), l.offset());
        }
        if (plan instanceof LogicalPlan.Distinct d) {
            return new LogicalPlan.Distinct(subqueries(d.input()), d.on());
        }
        if (plan instanceof LogicalPlan.SetOp x) {
            return new LogicalPlan.SetOp(x.kind(), x.all(), subqueries(x.left()), subqueries(x.right()), x.columns());
        }
        if (plan instanceof LogicalPlan.RecursiveCte r) {
            return new LogicalPlan.RecursiveCte(r.id(), subqueries(r.anchor()), subqueries(r.recursive()),
                    r.unionAll(), r.columns());
        }
        if (plan instanceof LogicalPlan.MaterializedCte m) {
            return new LogicalPlan.MaterializedCte(m.id(), subqueries(m.input()));
        }
        return plan;
    }

    /** @return the rewritten plan (same output columns) */
    LogicalPlan optimize(LogicalPlan plan) {
        if (plan instanceof LogicalPlan.Filter f) {
            LogicalPlan in = f.input();
            if (in instanceof LogicalPlan.Join j && j.type() == JoinType.INNER) {
                return reorder(j, PhysicalPlanner.conjuncts(f.predicate()));
            }
            if (in instanceof LogicalPlan.Join sj && (sj.type() == JoinType.SEMI || sj.type() == JoinType.ANTI)
                    && !ExprRewriter.any(f.predicate(), x -> x instanceof BoundExpr.Call call
                            && call.function().volatile_())) {
                // a semi or anti join's output is its left input's rows: filter them before the join
                return optimize(new LogicalPlan.Join(sj.type(), new LogicalPlan.Filter(sj.left(), f.predicate()),
                        sj.right(), sj.condition()));
            }
            LogicalPlan input = optimize(in);
            if (input instanceof LogicalPlan.Scan s) {
                BoundExpr merged = s.filter() == null ? f.predicate()
                        : new BoundExpr.And(List.of(s.filter(), f.predicate()));
                List<BoundExpr> prefix = keyPrefix(s, merged);
                return new LogicalPlan.Scan(s.table(), s.projection(), merged, s.columns(), prefix,
                        keyRange(s, merged, prefix.size()));
            }
            return new LogicalPlan.Filter(input, f.predicate());
        }
        if (plan instanceof LogicalPlan.Join j && j.type() == JoinType.INNER) {
            return reorder(j, List.of());
        }
        if (plan instanceof LogicalPlan.Join j && (j.type() == JoinType.SEMI || j.type() == JoinType.ANTI)) {
            LogicalPlan pushed = pushSemiJoin(j.left(), j, j.left().columns().size());
            if (pushed != null) {
                return optimize(pushed);
            }
        }
        if (plan instanceof LogicalPlan.Join j && (j.type() == JoinType.LEFT || j.type() == JoinType.RIGHT)) {
            LogicalPlan pushed = pushIntoNullableSide(j);
            if (pushed != null) {
                return optimize(pushed);
            }
        }
        return withInputs(plan);
    }

    /**
     * Moves the conjuncts of an outer join's condition that read only its nullable side (the right
     * input of a LEFT join, the left of a RIGHT join) into a filter on that side: a row of that side
     * failing them can match no row, which is what the condition said (TPC-H Q13's {@code o_comment
     * NOT LIKE ...} in the ON clause then filters the orders scan instead of every candidate pair,
     * and the hash table no longer carries o_comment). Conjuncts that call a volatile function or hold
     * a subquery stay in the condition.
     *
     * @return the rewritten join, or {@code null} when no conjunct moves
     */
    private static LogicalPlan pushIntoNullableSide(LogicalPlan.Join j) {
        int lw = j.left().columns().size();
        int width = lw + j.right().columns().size();
        boolean left = j.type() == JoinType.RIGHT; // the nullable side
        List<BoundExpr> stay = new ArrayList<>();
        List<BoundExpr> move = new ArrayList<>();
        for (BoundExpr c : PhysicalPlanner.conjuncts(j.condition())) {
            java.util.Set<Integer> cols = PhysicalPlanner.columns(c);
            boolean onlyThatSide = !cols.isEmpty();
            for (int col : cols) {
                onlyThatSide &= left ? col < lw : col >= lw && col < width;
            }
            boolean movable = onlyThatSide && !ExprRewriter.any(c, x -> x instanceof BoundExpr.Subquery
                    || x instanceof BoundExpr.Call call && call.function().volatile_());
            (movable ? move : stay).add(left || !movable ? c : ExprRewriter.shift(c, -lw));
        }
        if (move.isEmpty()) {
            return null;
        }
        BoundExpr moved = move.size() == 1 ? move.get(0) : new BoundExpr.And(move);
        BoundExpr rest = stay.isEmpty() ? null : stay.size() == 1 ? stay.get(0) : new BoundExpr.And(stay);
        return left ? new LogicalPlan.Join(j.type(), new LogicalPlan.Filter(j.left(), moved), j.right(), rest)
                : new LogicalPlan.Join(j.type(), j.left(), new LogicalPlan.Filter(j.right(), moved), rest);
    }

    /**
     * Pushes semi or anti join {@code j} down its left input, through filters, the inputs of inner
     * joins and the left inputs of other semi and anti joins, to the deepest node that produces every
     * left-side column its condition reads (semi join reduction): such a join only removes rows of
     * that node, and every node on the way keeps or drops rows as a whole, so the result is the same,
     * while the join orderer sees the reduced relation as one leaf with its smaller estimate (TPC-H
     * Q18: orders reduced by the grouped IN subquery before meeting lineitem, not after).
     *
     * @param node a node of {@code j}'s left input, producing {@code j}'s left columns from {@code
     *     offset} on (the left input itself at offset 0)
     * @param width the width of {@code j}'s left input
     * @return the left input with the join pushed into it, or {@code null} when it cannot move below
     *     the left input's root
     */
    private static LogicalPlan pushSemiJoin(LogicalPlan node, LogicalPlan.Join j, int width) {
        BitSet leftColumns = new BitSet();
        for (int c : PhysicalPlanner.columns(j.condition())) {
            if (c < width) {
                leftColumns.set(c);
            }
        }
        if (leftColumns.isEmpty() || ExprRewriter.any(j.condition(), x -> x instanceof BoundExpr.Subquery
                || x instanceof BoundExpr.Call call && call.function().volatile_())) {
            return null;
        }
        return push(node, j, width, 0, leftColumns, false);
    }

    /** @return {@code node} with {@code j} pushed into it, or {@code null} unless that crosses an inner join */
    private static LogicalPlan push(LogicalPlan node, LogicalPlan.Join j, int width, int offset, BitSet cols,
            boolean belowInner) {
        int nodeWidth = node.columns().size();
        if (node instanceof LogicalPlan.Filter f) {
            LogicalPlan in = push(f.input(), j, width, offset, cols, belowInner);
            return in == null ? null : new LogicalPlan.Filter(in, f.predicate());
        }
        if (node instanceof LogicalPlan.Join inner && (inner.type() == JoinType.INNER
                || (inner.type() == JoinType.SEMI || inner.type() == JoinType.ANTI))) {
            int lw = inner.left().columns().size();
            boolean inLeft = cols.nextSetBit(0) >= offset && cols.length() <= offset + lw;
            boolean inRight = inner.type() == JoinType.INNER && cols.nextSetBit(0) >= offset + lw
                    && cols.length() <= offset + nodeWidth;
            boolean crossed = belowInner || inner.type() == JoinType.INNER;
            if (inLeft) {
                LogicalPlan l = push(inner.left(), j, width, offset, cols, crossed);
                return l == null ? null : new LogicalPlan.Join(inner.type(), l, inner.right(), inner.condition());
            }
            if (inRight) {
                LogicalPlan r = push(inner.right(), j, width, offset + lw, cols, crossed);
                return r == null ? null : new LogicalPlan.Join(inner.type(), inner.left(), r, inner.condition());
            }
        }
        if (!belowInner) {
            return null;
        }
        // node produces the join's left columns offset .. offset + nodeWidth - 1: the join goes here
        int rightWidth = j.right().columns().size();
        int[] map = new int[width + rightWidth];
        for (int c = 0; c < map.length; c++) {
            map[c] = c < width ? c - offset : c - width + nodeWidth;
        }
        return new LogicalPlan.Join(j.type(), node, j.right(), ExprRewriter.remap(j.condition(), map));
    }

    private LogicalPlan withInputs(LogicalPlan plan) {
        if (plan instanceof LogicalPlan.Project p) {
            return new LogicalPlan.Project(optimize(p.input()), p.exprs(), p.columns());
        }
        if (plan instanceof LogicalPlan.Join j) {
            return new LogicalPlan.Join(j.type(), optimize(j.left()), optimize(j.right()), j.condition());
        }
        if (plan instanceof LogicalPlan.Aggregate a) {
            return new LogicalPlan.Aggregate(optimize(a.input()), a.groupKeys(), a.aggregates(), a.columns());
        }
        if (plan instanceof LogicalPlan.Window w) {
            return new LogicalPlan.Window(optimize(w.input()), w.calls(), w.columns());
        }
        if (plan instanceof LogicalPlan.Sort s) {
            return new LogicalPlan.Sort(optimize(s.input()), s.keys());
        }
        if (plan instanceof LogicalPlan.Limit l) {
            return new LogicalPlan.Limit(optimize(l.input()), l.limit(), l.offset());
        }
        if (plan instanceof LogicalPlan.Distinct d) {
            return new LogicalPlan.Distinct(optimize(d.input()), d.on());
        }
        if (plan instanceof LogicalPlan.SetOp s) {
            return new LogicalPlan.SetOp(s.kind(), s.all(), optimize(s.left()), optimize(s.right()), s.columns());
        }
        if (plan instanceof LogicalPlan.RecursiveCte r) {
            return new LogicalPlan.RecursiveCte(r.id(), optimize(r.anchor()), optimize(r.recursive()), r.unionAll(),
                    r.columns());
        }
        if (plan instanceof LogicalPlan.MaterializedCte m) {
            return new LogicalPlan.MaterializedCte(m.id(), optimize(m.input()));
        }
        if (plan instanceof LogicalPlan.Filter f) {
            return optimize(f);
        }
        return plan;
    }

    /** A leaf of a flattened inner-join tree. */
    private static final class Leaf {
        LogicalPlan plan;
        final int offset;
        final int width;
        final List<BoundExpr> filters = new ArrayList<>();
        double rows;

        Leaf(LogicalPlan plan, int offset) {
            this.plan = plan;
            this.offset = offset;
            this.width = plan.columns().size();
        }
    }

    private static void flatten(LogicalPlan p, int offset, List<Leaf> leaves, List<BoundExpr> conjuncts) {
        if (p instanceof LogicalPlan.Join j && j.type() == JoinType.INNER) {
            flatten(j.left(), offset, leaves, conjuncts);
            for (BoundExpr c : PhysicalPlanner.conjuncts(j.condition())) {
                conjuncts.add(ExprRewriter.shift(c, offset));
            }
            flatten(j.right(), offset + j.left().columns().size(), leaves, conjuncts);
            return;
        }
        leaves.add(new Leaf(p, offset));
    }

    private LogicalPlan reorder(LogicalPlan.Join root, List<BoundExpr> filters) {
        List<Leaf> leaves = new ArrayList<>();
        List<BoundExpr> conjuncts = new ArrayList<>();
        flatten(root, 0, leaves, conjuncts);
        conjuncts.addAll(filters);
        List<BoundExpr> factored = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            factored.addAll(factorOr(c));
        }
        conjuncts = factored;
        int width = root.columns().size();
        int[] leafOf = new int[width];
        for (int i = 0; i < leaves.size(); i++) {
            Leaf l = leaves.get(i);
            for (int c = 0; c < l.width; c++) {
                leafOf[l.offset + c] = i;
            }
        }
        List<BoundExpr> top = new ArrayList<>();
        List<BoundExpr> joinConds = new ArrayList<>();
        List<BitSet> joinSets = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            if (ExprRewriter.any(c, x -> x instanceof BoundExpr.Subquery s && s.correlated()
                    || x instanceof BoundExpr.Call call && call.function().volatile_())) {
                top.add(c);
                continue;
            }
            BitSet set = new BitSet();
            for (int col : PhysicalPlanner.columns(c)) {
                set.set(leafOf[col]);
            }
            if (set.cardinality() == 1) {
                Leaf l = leaves.get(set.nextSetBit(0));
                l.filters.add(ExprRewriter.shift(c, -l.offset));
            } else if (set.isEmpty()) {
                top.add(c);
            } else {
                joinConds.add(c);
                joinSets.add(set);
            }
        }
        for (Leaf l : leaves) {
            LogicalPlan p = l.plan;
            if (!l.filters.isEmpty()) {
                p = new LogicalPlan.Filter(p, l.filters.size() == 1 ? l.filters.get(0) : new BoundExpr.And(l.filters));
            }
            l.plan = optimize(p);
            l.rows = estimate(l.plan);
        }
        int n = leaves.size();
        if (joinSettings.exhaustive(n) || joinSettings.joinCollapseLimit() == 1 && n <= JoinSettings.MAX_DP_RELATIONS) {
            JoinEnumerator.Ordered o = enumerate(leaves, joinConds, joinSets, leafOf, root.columns());
            return restore(root, o.plan(), o.position(), top);
        }
        // greedy join order
        boolean[] used = new boolean[n];
        boolean[] applied = new boolean[joinConds.size()];
        int first = 0;
        for (int i = 1; i < n; i++) {
            if (leaves.get(i).rows < leaves.get(first).rows) {
                first = i;
            }
        }
        used[first] = true;
        BitSet joined = new BitSet();
        joined.set(first);
        LogicalPlan current = leaves.get(first).plan;
        double currentRows = leaves.get(first).rows;
        // position in the current plan's output of each original column
        int[] position = new int[width];
        java.util.Arrays.fill(position, -1);
        Leaf fl = leaves.get(first);
        for (int c = 0; c < fl.width; c++) {
            position[fl.offset + c] = c;
        }
        java.util.Map<Integer, dev.lodedb.engine.catalog.TableDef> tables = new java.util.HashMap<>();
        for (Leaf l : leaves) {
            collectTables(l.plan, tables);
        }
        List<PlanColumn> rootColumns = root.columns();
        double bestOutput = 0;
        for (int step = 1; step < n; step++) {
            int best = -1;
            boolean bestConnected = false;
            bestOutput = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                List<BoundExpr.Compare> edges = new ArrayList<>();
                for (int k = 0; k < joinConds.size(); k++) {
                    BitSet s = (BitSet) joinSets.get(k).clone();
                    if (s.get(i) && isEquiJoin(joinConds.get(k))) {
                        s.clear(i);
                        s.andNot(joined);
                        if (s.isEmpty()) {
                            edges.add((BoundExpr.Compare) joinConds.get(k));
                        }
                    }
                }
                boolean connected = !edges.isEmpty();
                double output = connected ? joinOutput(edges, leaves.get(i), currentRows, leafOf, i, rootColumns, tables)
                        : currentRows * leaves.get(i).rows;
                if (best < 0 || (connected && !bestConnected) || (connected == bestConnected && output < bestOutput)) {
                    best = i;
                    bestConnected = connected;
                    bestOutput = output;
                }
            }
            Leaf leaf = leaves.get(best);
            used[best] = true;
            joined.set(best);
            boolean leafBuilds = leaf.rows <= currentRows;
            LogicalPlan l = leafBuilds ? current : leaf.plan;
            LogicalPlan r = leafBuilds ? leaf.plan : current;
            int[] newPos = new int[width];
            java.util.Arrays.fill(newPos, -1);
            int curWidth = current.columns().size();
            for (int c = 0; c < width; c++) {
                if (position[c] >= 0) {
                    newPos[c] = leafBuilds ? position[c] : position[c] + leaf.width;
                }
            }
            for (int c = 0; c < leaf.width; c++) {
                newPos[leaf.offset + c] = leafBuilds ? curWidth + c : c;
            }
            List<BoundExpr> conds = new ArrayList<>();
            for (int k = 0; k < joinConds.size(); k++) {
                if (!applied[k]) {
                    BitSet s = (BitSet) joinSets.get(k).clone();
                    s.andNot(joined);
                    if (s.isEmpty()) {
                        applied[k] = true;
                        conds.add(ExprRewriter.remap(joinConds.get(k), newPos));
                    }
                }
            }
            BoundExpr cond = conds.isEmpty() ? null : conds.size() == 1 ? conds.get(0) : new BoundExpr.And(conds);
            current = new LogicalPlan.Join(JoinType.INNER, l, r, cond);
            currentRows = Math.max(1, bestOutput);
            position = newPos;
        }
        return restore(root, current, position, top);
    }

    private JoinEnumerator.Ordered enumerate(List<Leaf> leaves, List<BoundExpr> conds, List<BitSet> sets, int[] leafOf,
            List<PlanColumn> columns) {
        List<LogicalPlan> plans = new ArrayList<>();
        int[] offsets = new int[leaves.size()];
        double[] rows = new double[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            plans.add(leaves.get(i).plan);
            offsets[i] = leaves.get(i).offset;
            rows[i] = leaves.get(i).rows;
        }
        return new JoinEnumerator(plans, offsets, rows, conds, sets, leafOf, columns, stats, catalog, joinSettings,
                settings.enableIndexScan()).run();
    }

    /** @return {@code current} with the original column order of {@code root} restored, under the {@code top} conjuncts */
    private static LogicalPlan restore(LogicalPlan.Join root, LogicalPlan current, int[] position, List<BoundExpr> top) {
        int width = root.columns().size();
        List<BoundExpr> exprs = new ArrayList<>();
        List<PlanColumn> cols = root.columns();
        boolean identity = true;
        for (int c = 0; c < width; c++) {
            PlanColumn pc = cols.get(c);
            exprs.add(new BoundExpr.ColumnRef(position[c], pc.type(), pc.name()));
            identity &= position[c] == c;
        }
        LogicalPlan result = identity ? current : new LogicalPlan.Project(current, exprs, cols);
        if (!top.isEmpty()) {
            result = new LogicalPlan.Filter(result, top.size() == 1 ? top.get(0) : new BoundExpr.And(top));
        }
        return result;
    }

    /**
     * @return the values of the leading primary-key columns that {@code filter} fixes by equality
     *     with a constant, a parameter or an outer reference of the same type (the scan becomes a
     *     point lookup or a key-prefix range scan)
     */
    static List<BoundExpr> keyPrefix(LogicalPlan.Scan s, BoundExpr filter) {
        List<BoundExpr> out = new ArrayList<>();
        List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(filter);
        for (int pkColumnId : s.table().primaryKey()) {
            int tableIndex = tableIndex(s, pkColumnId);
            int pos = outputPosition(s, tableIndex);
            if (pos < 0) {
                return out;
            }
            BoundExpr value = null;
            for (BoundExpr c : conjuncts) {
                if (c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ
                        && cmp.operandType().id() == s.table().columns().get(tableIndex).type().id()) {
                    if (cmp.left() instanceof BoundExpr.ColumnRef l && l.index() == pos && isKeyValue(cmp.right())) {
                        value = cmp.right();
                    } else if (cmp.right() instanceof BoundExpr.ColumnRef r && r.index() == pos
                            && isKeyValue(cmp.left())) {
                        value = cmp.left();
                    }
                }
                if (value != null) {
                    break;
                }
            }
            if (value == null) {
                return out;
            }
            out.add(value);
        }
        return out;
    }

    /**
     * @return the bounds that {@code filter}'s range conditions ({@code <, <=, >, >=}, of the column's
     *     type, against a value that reads no scan column and calls nothing volatile and holds no
     *     subquery) put on primary-key column {@code position} of the scan's table (the one after
     *     its equality prefix), or {@code null} when there are none or the column is not produced;
     *     the first lower and the first upper bound found are used (the others stay in the filter)
     */
    static dev.lodedb.sql.plan.KeyRange keyRange(LogicalPlan.Scan s, BoundExpr filter, int position) {
        if (position >= s.table().primaryKey().size()) {
            return null;
        }
        int tableIndex = tableIndex(s, s.table().primaryKey().get(position));
        int pos = outputPosition(s, tableIndex);
        if (pos < 0) {
            return null;
        }
        dev.lodedb.engine.types.DataType type = s.table().columns().get(tableIndex).type();
        BoundExpr lower = null;
        BoundExpr upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        List<BoundExpr> used = new ArrayList<>();
        for (BoundExpr c : PhysicalPlanner.conjuncts(filter)) {
            if (!(c instanceof BoundExpr.Compare cmp) || cmp.op() == BoundExpr.CompareOp.EQ
                    || cmp.op() == BoundExpr.CompareOp.NE || cmp.operandType().id() != type.id()) {
                continue;
            }
            BoundExpr.CompareOp op;
            BoundExpr value;
            if (cmp.left() instanceof BoundExpr.ColumnRef l && l.index() == pos && isRangeValue(cmp.right())) {
                op = cmp.op();
                value = cmp.right();
            } else if (cmp.right() instanceof BoundExpr.ColumnRef r && r.index() == pos && isRangeValue(cmp.left())) {
                op = cmp.op().flip();
                value = cmp.left();
            } else {
                continue;
            }
            boolean isLower = op == BoundExpr.CompareOp.GT || op == BoundExpr.CompareOp.GE;
            if (isLower && lower == null) {
                lower = value;
                lowerInclusive = op == BoundExpr.CompareOp.GE;
                used.add(c);
            } else if (!isLower && upper == null) {
                upper = value;
                upperInclusive = op == BoundExpr.CompareOp.LE;
                used.add(c);
            }
        }
        return used.isEmpty() ? null
                : new dev.lodedb.sql.plan.KeyRange(lower, lowerInclusive, upper, upperInclusive, used);
    }

    /** @return the index in the table's columns of the column with id {@code columnId}, or -1 */
    private static int tableIndex(LogicalPlan.Scan s, int columnId) {
        int tableIndex = -1;
        for (int c = 0; c < s.table().columns().size(); c++) {
            if (s.table().columns().get(c).id() == columnId) {
                tableIndex = c;
            }
        }
        return tableIndex;
    }

    /** @return the last position of the scan's output that produces table column {@code tableIndex}, or -1 */
    private static int outputPosition(LogicalPlan.Scan s, int tableIndex) {
        int pos = -1;
        for (int i = 0; i < s.projection().length; i++) {
            if (s.projection()[i] == tableIndex) {
                pos = i;
            }
        }
        return pos;
    }

    private static boolean isRangeValue(BoundExpr e) {
        return !ExprRewriter.any(e, x -> x instanceof BoundExpr.ColumnRef || x instanceof BoundExpr.Subquery
                || x instanceof BoundExpr.Call call && call.function().volatile_());
    }

    private static boolean isKeyValue(BoundExpr e) {
        return e instanceof BoundExpr.Constant || e instanceof BoundExpr.Parameter || e instanceof BoundExpr.OuterRef;
    }

    /**
     * Pulls the conjuncts every branch of a disjunction shares out of it:
     * {@code (a AND b) OR (a AND c)} becomes {@code a}, {@code b OR c} — so that a join condition
     * repeated in each branch (TPC-H Q19) becomes a hash join key.
     *
     * @return the equivalent conjuncts
     */
    static List<BoundExpr> factorOr(BoundExpr e) {
        if (!(e instanceof BoundExpr.Or or)) {
            return List.of(e);
        }
        List<List<BoundExpr>> branches = new ArrayList<>();
        for (BoundExpr b : or.terms()) {
            branches.add(PhysicalPlanner.conjuncts(b));
        }
        List<BoundExpr> common = new ArrayList<>(branches.get(0));
        for (List<BoundExpr> b : branches) {
            common.retainAll(b);
        }
        if (common.isEmpty()) {
            return List.of(e);
        }
        List<BoundExpr> rest = new ArrayList<>();
        for (List<BoundExpr> b : branches) {
            List<BoundExpr> left = new ArrayList<>(b);
            left.removeAll(common);
            if (left.isEmpty()) {
                return common; // one branch is just the common part: the OR adds nothing
            }
            rest.add(left.size() == 1 ? left.get(0) : new BoundExpr.And(left));
        }
        List<BoundExpr> out = new ArrayList<>(common);
        out.add(new BoundExpr.Or(rest));
        return out;
    }

    private static void collectTables(LogicalPlan p, java.util.Map<Integer, dev.lodedb.engine.catalog.TableDef> out) {
        if (p instanceof LogicalPlan.Scan s) {
            out.put(s.table().id(), s.table());
        }
        for (LogicalPlan in : p.inputs()) {
            collectTables(in, out);
        }
    }

    /**
     * Estimates the rows of joining {@code leaf} to the current join result through equi-join
     * {@code edges} (over the original column positions): at most one match per current row when
     * the leaf's side of the edges covers the leaf table's primary key, at most one per leaf row
     * when the current side covers some joined table's primary key, and a tenth of the cross
     * product otherwise (a many-to-many join, to be put off).
     */
    private static double joinOutput(List<BoundExpr.Compare> edges, Leaf leaf, double currentRows, int[] leafOf,
            int leafIndex, List<PlanColumn> columns, java.util.Map<Integer, dev.lodedb.engine.catalog.TableDef> tables) {
        java.util.Map<Integer, java.util.Set<Integer>> leafKeys = new java.util.HashMap<>();
        java.util.Map<Integer, java.util.Set<Integer>> currentKeys = new java.util.HashMap<>();
        for (BoundExpr.Compare e : edges) {
            for (BoundExpr side : List.of(e.left(), e.right())) {
                if (side instanceof BoundExpr.ColumnRef c) {
                    PlanColumn pc = columns.get(c.index());
                    if (pc.tableId() == 0) {
                        continue;
                    }
                    (leafOf[c.index()] == leafIndex ? leafKeys : currentKeys)
                            .computeIfAbsent(pc.tableId(), x -> new java.util.HashSet<>()).add(pc.columnId());
                }
            }
        }
        if (coversPrimaryKey(leafKeys, tables)) {
            return currentRows;
        }
        if (coversPrimaryKey(currentKeys, tables)) {
            return leaf.rows;
        }
        return currentRows * leaf.rows / 10;
    }

    private static boolean coversPrimaryKey(java.util.Map<Integer, java.util.Set<Integer>> keys,
            java.util.Map<Integer, dev.lodedb.engine.catalog.TableDef> tables) {
        for (var e : keys.entrySet()) {
            dev.lodedb.engine.catalog.TableDef t = tables.get(e.getKey());
            if (t != null && !t.primaryKey().isEmpty() && e.getValue().containsAll(t.primaryKey())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEquiJoin(BoundExpr c) {
        return c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ;
    }

    /**
     * @return the estimated output rows of {@code p}: from {@link CostEstimator} when a table in
     *     it was analyzed, else by the fixed selectivities the join order has always used
     */
    double estimate(LogicalPlan p) {
        if (analyzed(p)) {
            return new CostEstimator(stats).rows(p);
        }
        if (p instanceof LogicalPlan.Scan s) {
            double rows = Math.max(1, stats.rowCount(s.table()));
            for (BoundExpr c : PhysicalPlanner.conjuncts(s.filter())) {
                rows *= selectivity(c);
            }
            return Math.max(1, rows);
        }
        if (p instanceof LogicalPlan.Filter f) {
            double rows = estimate(f.input());
            for (BoundExpr c : PhysicalPlanner.conjuncts(f.predicate())) {
                rows *= selectivity(c);
            }
            return Math.max(1, rows);
        }
        if (p instanceof LogicalPlan.Values v) {
            return v.rows().size();
        }
        if (p instanceof LogicalPlan.Aggregate a) {
            return a.groupKeys().isEmpty() ? 1 : Math.max(1, estimate(a.input()) / 10);
        }
        if (p instanceof LogicalPlan.Join j) {
            return Math.max(estimate(j.left()), estimate(j.right()));
        }
        if (p instanceof LogicalPlan.Limit || p.inputs().isEmpty()) {
            return 1000;
        }
        return estimate(p.inputs().get(0));
    }

    private boolean analyzed(LogicalPlan p) {
        if (p instanceof LogicalPlan.Scan s && stats.columns(s.table()) != null) {
            return true;
        }
        for (LogicalPlan in : p.inputs()) {
            if (analyzed(in)) {
                return true;
            }
        }
        return false;
    }

    private static double selectivity(BoundExpr c) {
        if (c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ
                && (cmp.left() instanceof BoundExpr.Constant || cmp.right() instanceof BoundExpr.Constant
                || cmp.left() instanceof BoundExpr.Parameter || cmp.right() instanceof BoundExpr.Parameter)) {
            return 0.1;
        }
        return 0.3;
    }
}
