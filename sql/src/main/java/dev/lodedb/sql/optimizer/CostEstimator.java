package dev.lodedb.sql.optimizer;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.exec.PhysicalPlanner;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import dev.lodedb.sql.stats.ColumnStatistics;
import dev.lodedb.sql.stats.RelationStatistics;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimated rows, width and cost of each node of a logical plan, for EXPLAIN and for the
 * optimizer's choices. Rows come from the tables' row counts and, once ANALYZE ran, from column
 * statistics ({@link ColumnSelectivity}); without them PostgreSQL's default selectivities apply
 * ({@link Selectivity}). A column is traced to its table through its {@link PlanColumn}'s table and
 * column id, so conditions above joins and projections are estimated as well as those in scans.
 *
 * <p>Equi-joins return {@code |L| * |R| / max(ndv(l), ndv(r))} rows (ndv: the distinct values of
 * each side's column; a one-column primary key has one per row; PostgreSQL's default of 200 when
 * nothing is known), grouping returns the product of its keys' distinct values, at most its input.
 *
 * <p>Costs are in the unit of {@link AccessPathSelector}: reading one row sequentially costs 1;
 * evaluating one condition on a row and passing a row through an operator cost {@value #OPERATOR_COST}
 * and {@value #TUPLE_COST}, putting a row into a hash table {@value #HASH_COST}, and sorting n rows
 * {@code 2 * OPERATOR_COST * n * log2(n)}. A merge join costs its inputs and one comparison per input
 * row and key; a group aggregate costs a hash aggregate's work on its input rows less the
 * {@code TUPLE_COST} per row of storing them in the hash table, and returns its first group after its
 * input's startup. Each node's cost includes its inputs'; the startup cost is
 * what is spent before the first row (a sort's or hash table's input). Not thread-safe (it memoizes
 * per node); one per plan.
 */
public final class CostEstimator {
    /** Cost of evaluating one condition on one row. */
    static final double OPERATOR_COST = 0.05;
    /** Cost of passing one row through a join, aggregate, sort or set operation. */
    static final double TUPLE_COST = 0.1;
    /** Cost of inserting one row into a hash table. */
    static final double HASH_COST = 0.2;
    /** PostgreSQL's {@code DEFAULT_NUM_DISTINCT}: the distinct values of a column nothing is known about. */
    static final double DEFAULT_DISTINCT = 200;
    /** PostgreSQL's estimate for a set-returning function's rows. */
    static final double FUNCTION_ROWS = 1000;

    /**
     * One node's estimate.
     *
     * @param startup cost before the first row
     * @param total cost of all rows
     * @param rows rows returned
     * @param width average bytes per row
     */
    public record Estimate(double startup, double total, double rows, int width) {
    }

    private final TableStatistics stats;
    private final Map<LogicalPlan, Estimate> memo = new IdentityHashMap<>();
    private final Map<Integer, TableDef> tables = new HashMap<>();

    /** @param stats the tables' row counts and column statistics */
    public CostEstimator(TableStatistics stats) {
        this.stats = stats;
    }

    /** @return the estimate of {@code p} */
    public Estimate estimate(LogicalPlan p) {
        Estimate e = memo.get(p);
        if (e == null) {
            e = compute(p);
            memo.put(p, e);
        }
        return e;
    }

    /** @return the estimated rows of {@code p} */
    public double rows(LogicalPlan p) {
        return estimate(p).rows();
    }

    private Estimate compute(LogicalPlan p) {
        if (p instanceof LogicalPlan.Scan s) {
            tables.put(s.table().id(), s.table());
            double n = Math.max(1, stats.rowCount(s.table()));
            List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(s.filter());
            double read = n;
            double startup = 0;
            double rows;
            if (s.keyRange() != null) {
                // the range's conditions are among the conjuncts: the rows are the prefix's times all of them
                double prefixRows = keyPrefixRows(s, n);
                read = Math.max(1, prefixRows * selectivity(s.keyRange().conditions(), s.columns()));
                startup = AccessPathSelector.SEEK_COST;
                rows = Math.max(1, prefixRows * selectivity(conjuncts, s.columns()));
            } else {
                if (!s.keyPrefix().isEmpty()) {
                    read = keyPrefixRows(s, n);
                    startup = AccessPathSelector.SEEK_COST;
                }
                rows = Math.max(1, read * selectivity(conjuncts, s.columns()));
            }
            return new Estimate(startup, startup + read * (AccessPathSelector.ROW_COST
                    + conjuncts.size() * OPERATOR_COST), Math.min(rows, read), width(s.columns()));
        }
        if (p instanceof LogicalPlan.IndexScan s) {
            Estimate seq = estimate(s.scan());
            double n = Math.max(1, stats.rowCount(s.scan().table()));
            double entries = Math.max(1, n * selectivity(s.conditions(), s.scan().columns()));
            double seeks = s.bounds().rangeCount() * AccessPathSelector.SEEK_COST;
            double perEntry = AccessPathSelector.ENTRY_COST + (s.indexOnly() ? 0 : AccessPathSelector.FETCH_COST);
            List<BoundExpr> residual = PhysicalPlanner.conjuncts(s.filter());
            double rows = Math.max(1, entries * selectivity(residual, s.scan().columns()));
            return new Estimate(seeks, seeks + entries * (perEntry + residual.size() * OPERATOR_COST),
                    rows, seq.width());
        }
        if (p instanceof LogicalPlan.BitmapIndexScan
                || p instanceof LogicalPlan.BitmapAnd || p instanceof LogicalPlan.BitmapOr) {
            return rowKeys(p);
        }
        if (p instanceof LogicalPlan.BitmapHeapScan h) {
            Estimate keys = estimate(h.bitmap());
            Estimate seq = estimate(h.scan());
            double n = Math.max(1, stats.rowCount(h.scan().table()));
            List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(h.scan().filter());
            double rows = Math.max(1, Math.min(keys.rows(), n * selectivity(conjuncts, h.scan().columns())));
            return new Estimate(keys.startup(), keys.total() + keys.rows() * (sortedFetchCost(keys.rows(), n)
                    + conjuncts.size() * OPERATOR_COST), rows, seq.width());
        }
        if (p instanceof LogicalPlan.Values v) {
            return new Estimate(0, v.rows().size() * OPERATOR_COST, v.rows().size(), width(v.columns()));
        }
        if (p instanceof LogicalPlan.TableFunction f) {
            return new Estimate(0, FUNCTION_ROWS * OPERATOR_COST, FUNCTION_ROWS, width(f.columns()));
        }
        if (p instanceof LogicalPlan.Filter f) {
            Estimate in = estimate(f.input());
            List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(f.predicate());
            double rows = Math.max(1, in.rows() * selectivity(conjuncts, f.input().columns()));
            return new Estimate(in.startup(), in.total() + in.rows() * conjuncts.size() * OPERATOR_COST, rows,
                    in.width());
        }
        if (p instanceof LogicalPlan.Project x) {
            Estimate in = estimate(x.input());
            return new Estimate(in.startup(), in.total(), in.rows(), width(x.columns()));
        }
        if (p instanceof LogicalPlan.Join j) {
            return join(j);
        }
        if (p instanceof LogicalPlan.IndexJoin j) {
            // rows as for the equivalent join; cost: the outer input and one probe per outer row
            Estimate outer = estimate(j.outer());
            Estimate probe = estimate(j.lookup());
            Estimate same = estimate(new LogicalPlan.Join(j.type(), j.outer(), j.inner(), j.condition()));
            return new Estimate(outer.startup() + probe.startup(), outer.total() + outer.rows() * probe.total()
                    + same.rows() * TUPLE_COST, same.rows(), same.width());
        }
        if (p instanceof LogicalPlan.MergeJoin m) {
            // rows as for the equivalent join; cost: both inputs, one key comparison per input row
            Estimate l = estimate(m.left());
            Estimate r = estimate(m.right());
            Estimate same = estimate(new LogicalPlan.Join(m.type(), m.left(), m.right(), m.condition()));
            return new Estimate(l.startup() + r.startup(), l.total() + r.total() + (l.rows() + r.rows())
                    * m.leftKeys().size() * OPERATOR_COST + same.rows() * TUPLE_COST, same.rows(), same.width());
        }
        if (p instanceof LogicalPlan.GroupAggregate g) {
            // as a hash aggregate without the hash table: a group is returned when its key changes
            LogicalPlan.Aggregate a = g.aggregate();
            Estimate in = estimate(a.input());
            double groups = groups(a.groupKeys(), a.input().columns(), in.rows());
            double total = in.total() + in.rows() * (a.groupKeys().size() + a.aggregates().size()) * OPERATOR_COST
                    + groups * TUPLE_COST;
            return new Estimate(in.startup(), total, groups, width(a.columns()));
        }
        if (p instanceof LogicalPlan.Aggregate a) {
            Estimate in = estimate(a.input());
            double groups = a.groupKeys().isEmpty() ? 1 : groups(a.groupKeys(), a.input().columns(), in.rows());
            double work = in.rows() * (a.groupKeys().size() + a.aggregates().size()) * OPERATOR_COST
                    + in.rows() * TUPLE_COST;
            double total = in.total() + work + groups * TUPLE_COST;
            return new Estimate(in.total() + work, total, groups, width(a.columns()));
        }
        if (p instanceof LogicalPlan.Distinct d) {
            Estimate in = estimate(d.input());
            List<BoundExpr> keys = d.on().isEmpty() ? columnRefs(d.input().columns()) : d.on();
            double groups = groups(keys, d.input().columns(), in.rows());
            return new Estimate(in.startup(), in.total() + in.rows() * (TUPLE_COST + HASH_COST), groups, in.width());
        }
        if (p instanceof LogicalPlan.Window w) {
            Estimate in = estimate(w.input());
            double total = in.total() + sortCost(in.rows()) + in.rows() * w.calls().size() * OPERATOR_COST;
            return new Estimate(total, total, in.rows(), width(w.columns()));
        }
        if (p instanceof LogicalPlan.Sort s) {
            Estimate in = estimate(s.input());
            double total = in.total() + sortCost(in.rows()) + in.rows() * TUPLE_COST;
            return new Estimate(total, total, in.rows(), in.width());
        }
        if (p instanceof LogicalPlan.Limit l) {
            Estimate in = estimate(l.input());
            double k = constant(l.limit(), in.rows()) + constant(l.offset(), 0);
            double rows = Math.max(1, Math.min(in.rows(), constant(l.limit(), in.rows())));
            double fraction = in.rows() <= 0 ? 1 : Math.min(1, k / in.rows());
            return new Estimate(in.startup(), in.startup() + (in.total() - in.startup()) * fraction, rows, in.width());
        }
        if (p instanceof LogicalPlan.SetOp s) {
            Estimate l = estimate(s.left());
            Estimate r = estimate(s.right());
            double rows = switch (s.kind()) {
                case UNION -> l.rows() + r.rows();
                case INTERSECT -> Math.min(l.rows(), r.rows());
                case EXCEPT -> l.rows();
            };
            double total = l.total() + r.total() + (l.rows() + r.rows()) * (s.all() ? TUPLE_COST : HASH_COST);
            return new Estimate(s.all() ? 0 : total, total, Math.max(1, rows), width(s.columns()));
        }
        if (p instanceof LogicalPlan.MaterializedCte m) {
            return estimate(m.input());
        }
        if (p instanceof LogicalPlan.RecursiveCte r) {
            Estimate a = estimate(r.anchor());
            Estimate b = estimate(r.recursive());
            double rows = a.rows() + 10 * b.rows();
            return new Estimate(0, a.total() + 10 * b.total(), rows, width(r.columns()));
        }
        return new Estimate(0, FUNCTION_ROWS * TUPLE_COST, FUNCTION_ROWS, width(p.columns()));
    }

    /**
     * The cost of fetching one of {@code keys} rows of a table of {@code n} rows by key, in key
     * order: a point read ({@link AccessPathSelector#FETCH_COST}) when the keys are sparse, falling
     * towards a sequentially read row as they cover the table (neighbouring keys share blocks);
     * PostgreSQL's interpolation of a bitmap heap scan's page cost between random_page_cost and
     * seq_page_cost by the square root of the fraction fetched ({@code cost_bitmap_heap_scan}).
     */
    static double sortedFetchCost(double keys, double n) {
        double fraction = Math.min(1, keys / Math.max(1, n));
        return AccessPathSelector.FETCH_COST
                - (AccessPathSelector.FETCH_COST - AccessPathSelector.ROW_COST) * Math.sqrt(fraction);
    }

    /**
     * @return the estimate of a row-key source: a bitmap index scan reads its entries (seeks plus
     *     one entry each) and sorts their keys unless they are presorted; an intersection keeps the
     *     product of its inputs' fractions of the table, a union the complement of the product of
     *     their complements (independence), each comparing every input key once
     */
    private Estimate rowKeys(LogicalPlan p) {
        int width = width(LogicalPlan.BitmapHeapScan.ROW_KEYS);
        if (p instanceof LogicalPlan.BitmapIndexScan s) {
            estimate(s.scan());
            double n = Math.max(1, stats.rowCount(s.scan().table()));
            double entries = Math.max(1, Math.min(n, n * selectivity(s.conditions(), s.scan().columns())));
            double seeks = s.bounds().rangeCount() * AccessPathSelector.SEEK_COST;
            double total = seeks + entries * AccessPathSelector.ENTRY_COST + (s.presorted() ? 0 : sortCost(entries));
            return new Estimate(s.presorted() ? seeks : total, total, entries, width);
        }
        boolean and = p instanceof LogicalPlan.BitmapAnd;
        double n = Math.max(1, stats.rowCount(leaf(p).scan().table()));
        double fraction = 1;
        double startup = 0;
        double total = 0;
        for (LogicalPlan in : p.inputs()) {
            Estimate e = estimate(in);
            double f = Math.min(1, e.rows() / n);
            fraction *= and ? f : 1 - f;
            startup += e.startup();
            total += e.total() + e.rows() * OPERATOR_COST;
        }
        double rows = Math.max(1, n * (and ? fraction : 1 - fraction));
        return new Estimate(startup, total, rows, width);
    }

    /** @return the first bitmap index scan of a row-key source */
    private static LogicalPlan.BitmapIndexScan leaf(LogicalPlan p) {
        return p instanceof LogicalPlan.BitmapIndexScan s ? s : leaf(p.inputs().get(0));
    }

    private Estimate join(LogicalPlan.Join j) {
        Estimate l = estimate(j.left());
        Estimate r = estimate(j.right());
        java.util.ArrayList<PlanColumn> cols = new java.util.ArrayList<>(j.left().columns());
        cols.addAll(j.right().columns());
        List<BoundExpr> conjuncts = PhysicalPlanner.conjuncts(j.condition());
        double inner = Math.max(1, l.rows() * r.rows() * joinSelectivity(conjuncts, cols));
        double rows = switch (j.type()) {
            case INNER -> inner;
            case LEFT -> Math.max(inner, l.rows());
            case RIGHT -> Math.max(inner, r.rows());
            case FULL -> Math.max(inner, Math.max(l.rows(), r.rows()));
            case SEMI -> Math.min(l.rows(), inner);
            case ANTI -> Math.max(1, l.rows() - Math.min(l.rows(), inner));
        };
        boolean hashed = false;
        for (BoundExpr c : conjuncts) {
            hashed |= c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ;
        }
        double build = r.total() + r.rows() * HASH_COST;
        double probe = hashed ? l.rows() * (OPERATOR_COST + TUPLE_COST)
                : l.rows() * r.rows() * Math.max(1, conjuncts.size()) * OPERATOR_COST;
        double startup = build + l.startup();
        int width = j.type() == JoinType.SEMI || j.type() == JoinType.ANTI ? l.width() : l.width() + r.width();
        return new Estimate(startup, build + l.total() + probe + rows * TUPLE_COST, rows, width);
    }

    /** @return the comparisons of sorting {@code n} rows, in cost units: {@code 2 * OPERATOR_COST * n * log2(n)} */
    static double sortCost(double n) {
        return n < 2 ? 0 : 2 * OPERATOR_COST * n * (Math.log(n) / Math.log(2));
    }

    private static double constant(BoundExpr e, double otherwise) {
        return e instanceof BoundExpr.Constant c && c.value() instanceof Number v ? Math.max(0, v.doubleValue())
                : otherwise;
    }

    private static List<BoundExpr> columnRefs(List<PlanColumn> cols) {
        java.util.ArrayList<BoundExpr> refs = new java.util.ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            refs.add(new BoundExpr.ColumnRef(i, cols.get(i).type(), cols.get(i).name()));
        }
        return refs;
    }

    /** @return the estimated groups of {@code keys} over {@code input}: the product of their distinct counts, at most {@code rows} */
    double groups(List<BoundExpr> keys, List<PlanColumn> input, double rows) {
        double groups = 1;
        for (BoundExpr k : keys) {
            double d = distinct(k, input);
            groups *= d > 0 ? d : Math.min(DEFAULT_DISTINCT, Math.max(1, rows / 10));
            if (groups >= rows) {
                return Math.max(1, rows);
            }
        }
        return Math.max(1, Math.min(groups, rows));
    }

    /** @return the selectivity of {@code conjuncts} over the output columns of scan {@code s} */
    public double selectivity(LogicalPlan.Scan s, List<BoundExpr> conjuncts) {
        tables.put(s.table().id(), s.table());
        return selectivity(conjuncts, s.columns());
    }

    /**
     * @return the selectivity of join conditions: that of all {@code conjuncts}, except that the
     *     column equalities that together fix every column of a table's composite primary key select
     *     at least one row of that table ({@code 1 / rows}) rather than the product of their
     *     selectivities (lineitem's (partkey, suppkey) finds one partsupp row, not 1 / (ndv * ndv))
     */
    public double joinSelectivity(List<BoundExpr> conjuncts, List<PlanColumn> cols) {
        Map<Integer, java.util.Set<Integer>> bound = new HashMap<>();
        Map<Integer, Double> keySelectivity = new HashMap<>();
        double s = 1;
        for (BoundExpr c : conjuncts) {
            double sel = selectivity(c, cols);
            TableDef keyOf = null;
            if (c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ) {
                PlanColumn a = column(cmp.left(), cols);
                PlanColumn b = column(cmp.right(), cols);
                for (PlanColumn x : a == null || b == null || a.tableId() == b.tableId() ? List.<PlanColumn>of()
                        : List.of(a, b)) {
                    TableDef t = table(x);
                    if (keyOf == null && t != null && t.primaryKey().size() > 1 && t.primaryKey().contains(x.columnId())) {
                        keyOf = t;
                        bound.computeIfAbsent(t.id(), k -> new java.util.HashSet<>()).add(x.columnId());
                        keySelectivity.merge(t.id(), sel, (u, v) -> u * v);
                    }
                }
            }
            if (keyOf == null) {
                s *= sel;
            }
        }
        for (Map.Entry<Integer, Double> e : keySelectivity.entrySet()) {
            TableDef t = tables.get(e.getKey());
            double floor = bound.get(t.id()).containsAll(t.primaryKey()) ? 1 / Math.max(1.0, stats.rowCount(t)) : 0;
            s *= Math.max(e.getValue(), floor);
        }
        return s;
    }

    /** @return the selectivity of all {@code conjuncts} over {@code cols} (independence assumed) */
    public double selectivity(List<BoundExpr> conjuncts, List<PlanColumn> cols) {
        double s = 1;
        for (BoundExpr c : conjuncts) {
            s *= selectivity(c, cols);
        }
        return s;
    }

    /** @return the selectivity of one condition over {@code cols} */
    public double selectivity(BoundExpr c, List<PlanColumn> cols) {
        if (c instanceof BoundExpr.And a) {
            return selectivity(a.terms(), cols);
        }
        if (c instanceof BoundExpr.Or o) {
            double none = 1;
            for (BoundExpr t : o.terms()) {
                none *= 1 - selectivity(t, cols);
            }
            return 1 - none;
        }
        if (c instanceof BoundExpr.Not n) {
            return 1 - selectivity(n.input(), cols);
        }
        if (c instanceof BoundExpr.Compare cmp) {
            return compare(cmp, cols);
        }
        if (c instanceof BoundExpr.InList in) {
            ColumnStatistics s = columnStatistics(in.input(), cols);
            if (s == null) {
                return Selectivity.of(c);
            }
            double sum = 0;
            for (BoundExpr v : in.values()) {
                sum += ColumnSelectivity.equal(s, ColumnSelectivity.constant(v, s.type()), tableRows(in.input(), cols));
            }
            sum = Math.min(1, sum);
            return in.negated() ? Math.max(0, 1 - sum - s.nullFraction()) : sum;
        }
        if (c instanceof BoundExpr.IsNull n) {
            ColumnStatistics s = columnStatistics(n.input(), cols);
            if (s == null) {
                return Selectivity.of(c);
            }
            return n.negated() ? 1 - s.nullFraction() : s.nullFraction();
        }
        if (c instanceof BoundExpr.Call call && call.function().name().equals("like") && call.args().size() == 2) {
            ColumnStatistics s = columnStatistics(call.args().get(0), cols);
            Object pattern = ColumnSelectivity.constant(call.args().get(1), DataType.TEXT);
            if (s != null && pattern instanceof String text) {
                double sel = ColumnSelectivity.like(s, text, tableRows(call.args().get(0), cols));
                if (!Double.isNaN(sel)) {
                    return sel;
                }
            }
            return Selectivity.CLOSED_RANGE;
        }
        return Selectivity.of(c);
    }

    private double compare(BoundExpr.Compare cmp, List<PlanColumn> cols) {
        BoundExpr.CompareOp op = cmp.op();
        BoundExpr col = cmp.left();
        BoundExpr other = cmp.right();
        if (column(col, cols) == null && column(other, cols) != null) {
            col = cmp.right();
            other = cmp.left();
            op = flip(op);
        }
        if (column(col, cols) != null && column(other, cols) != null) {
            if (op != BoundExpr.CompareOp.EQ) {
                return Selectivity.OPEN_RANGE;
            }
            double a = distinct(col, cols);
            double b = distinct(other, cols);
            double nd = Math.max(a > 0 ? a : DEFAULT_DISTINCT, b > 0 ? b : DEFAULT_DISTINCT);
            ColumnStatistics sa = columnStatistics(col, cols);
            ColumnStatistics sb = columnStatistics(other, cols);
            double nulls = (sa == null ? 1 : 1 - sa.nullFraction()) * (sb == null ? 1 : 1 - sb.nullFraction());
            return nulls / nd;
        }
        ColumnStatistics s = columnStatistics(col, cols);
        if (s == null) {
            if (op == BoundExpr.CompareOp.EQ && column(col, cols) != null && !(other instanceof BoundExpr.Constant)) {
                double d = distinct(col, cols);
                return d > 0 ? 1 / d : Selectivity.EQUALITY;
            }
            if (op == BoundExpr.CompareOp.EQ && column(col, cols) != null && distinct(col, cols) > 0) {
                return Math.min(Selectivity.EQUALITY, 1 / distinct(col, cols));
            }
            return Selectivity.of(cmp);
        }
        double rows = tableRows(col, cols);
        Object v = ColumnSelectivity.constant(other, s.type());
        switch (op) {
            case EQ:
                return ColumnSelectivity.equal(s, v, rows);
            case NE:
                return Math.max(0, 1 - ColumnSelectivity.equal(s, v, rows) - s.nullFraction());
            default:
                break;
        }
        if (v == null) {
            return Selectivity.OPEN_RANGE;
        }
        double sel = switch (op) {
            case LT -> ColumnSelectivity.below(s, v, false);
            case LE -> ColumnSelectivity.below(s, v, true);
            case GT -> 1 - s.nullFraction() - ColumnSelectivity.below(s, v, true);
            default -> 1 - s.nullFraction() - ColumnSelectivity.below(s, v, false);
        };
        return Double.isNaN(sel) ? Selectivity.OPEN_RANGE : ColumnSelectivity.clamp(sel);
    }

    private static BoundExpr.CompareOp flip(BoundExpr.CompareOp op) {
        return switch (op) {
            case LT -> BoundExpr.CompareOp.GT;
            case LE -> BoundExpr.CompareOp.GE;
            case GT -> BoundExpr.CompareOp.LT;
            case GE -> BoundExpr.CompareOp.LE;
            default -> op;
        };
    }

    /** @return the table column {@code e} reads (through casts), or {@code null} */
    private static PlanColumn column(BoundExpr e, List<PlanColumn> cols) {
        while (e instanceof BoundExpr.Cast c) {
            e = c.input();
        }
        if (e instanceof BoundExpr.ColumnRef r && r.index() < cols.size() && cols.get(r.index()).tableId() > 0) {
            return cols.get(r.index());
        }
        return null;
    }

    private TableDef table(PlanColumn pc) {
        return pc == null ? null : tables.get(pc.tableId());
    }

    private double tableRows(BoundExpr e, List<PlanColumn> cols) {
        TableDef t = table(column(e, cols));
        return t == null ? 1000 : Math.max(1, stats.rowCount(t));
    }

    /** @return the statistics of the table column {@code e} reads, or {@code null} */
    /**
     * @return the rows of {@code s}'s table ({@code n} of them) whose leading primary-key columns
     *     equal one given value each (the scan's key prefix, whatever the values): 1 for the whole
     *     key; otherwise per column {@code (1 - null_frac) / n_distinct} from the statistics of an
     *     analyzed table (TPC-H's {@code l_orderkey}: 4 rows per key), PostgreSQL's default equality
     *     selectivity without
     */
    double keyPrefixRows(LogicalPlan.Scan s, double n) {
        TableDef t = s.table();
        if (s.keyPrefix().size() >= t.primaryKey().size()) {
            return 1;
        }
        RelationStatistics r = stats.columns(t);
        double rows = n;
        for (int k = 0; k < s.keyPrefix().size(); k++) {
            int id = t.primaryKey().get(k);
            ColumnStatistics c = r == null ? null : r.column(id);
            int position = t.positionOf(id);
            if (c != null && position >= 0 && c.type().equals(t.columns().get(position).type())) {
                rows *= Math.max(0, 1 - c.nullFraction()) / c.distinctCount(n);
            } else {
                rows *= Selectivity.EQUALITY;
            }
        }
        return Math.max(1, rows);
    }

    private ColumnStatistics columnStatistics(BoundExpr e, List<PlanColumn> cols) {
        PlanColumn pc = column(e, cols);
        TableDef t = table(pc);
        if (t == null) {
            return null;
        }
        RelationStatistics r = stats.columns(t);
        ColumnStatistics s = r == null ? null : r.column(pc.columnId());
        int position = t.positionOf(pc.columnId());
        if (s == null || position < 0 || !s.type().equals(t.columns().get(position).type())) {
            return null;
        }
        return s;
    }

    /** @return the distinct values of the table column {@code e} reads, or -1 when unknown */
    private double distinct(BoundExpr e, List<PlanColumn> cols) {
        PlanColumn pc = column(e, cols);
        TableDef t = table(pc);
        if (t == null) {
            return -1;
        }
        if (t.primaryKey().size() == 1 && t.primaryKey().get(0) == pc.columnId()) {
            return Math.max(1, stats.rowCount(t));
        }
        ColumnStatistics s = columnStatistics(e, cols);
        return s == null ? -1 : s.distinctCount(Math.max(1, stats.rowCount(t)));
    }

    /** @return the estimated bytes per row of {@code cols} */
    private int width(List<PlanColumn> cols) {
        int w = 0;
        for (PlanColumn c : cols) {
            TableDef t = tables.get(c.tableId());
            RelationStatistics r = t == null ? null : stats.columns(t);
            ColumnStatistics s = r == null ? null : r.column(c.columnId());
            w += s != null ? s.averageWidth() : typeWidth(c.type());
        }
        return w;
    }

    /** @return PostgreSQL's width of a type without statistics ({@code get_typavgwidth}) */
    static int typeWidth(DataType t) {
        int fixed = dev.lodedb.sql.stats.TableAnalyzer.fixedWidth(t);
        if (fixed > 0) {
            return fixed;
        }
        return (t.id() == dev.lodedb.engine.types.TypeId.CHAR || t.id() == dev.lodedb.engine.types.TypeId.VARCHAR)
                && t.length() > 0 ? t.length() + 1 : 32;
    }
}
