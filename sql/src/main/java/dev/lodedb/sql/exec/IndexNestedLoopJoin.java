package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.ExprRewriter;
import dev.lodedb.sql.plan.JoinType;
import dev.lodedb.sql.plan.LogicalPlan;
import dev.lodedb.sql.plan.PlanColumn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Index nested-loop join: for each chunk of outer rows, evaluates the join keys, and for each
 * distinct non-NULL key of the chunk opens the inner lookup (a primary-key lookup or an index scan
 * whose bounds read the key as {@code OuterRef(1, k)}: the key row is pushed as the outer row while
 * the lookup opens, and popped before its rows are read, so the lookup's own filter still sees the
 * enclosing query's row) and keeps its rows; then each outer row is paired with its key's rows and
 * the whole join condition is rechecked per pair, a chunk at a time. INNER, LEFT (unmatched outer
 * rows with NULLs), SEMI and ANTI (outer rows with / without a match). A NULL key matches nothing.
 * Memory is one outer chunk's matches. Not thread-safe.
 */
final class IndexNestedLoopJoin implements Operator {
    private final JoinType type;
    private final Operator outer;
    private final Operator inner;
    private final Evaluator[] keys;
    private final List<DataType> keyTypes;
    private final Evaluator condition;
    private final List<DataType> types;
    private final List<DataType> combinedTypes;
    private final int outerWidth;
    private final int innerWidth;
    private final String description;
    private final ArrayDeque<Object[]> output = new ArrayDeque<>();
    private ChunkBuilder builder;
    private PairCondition pairs;
    private ExecContext ctx;
    private boolean done;
    /** Probes made (distinct keys per chunk), this execution (EXPLAIN ANALYZE). */
    private long probes;

    IndexNestedLoopJoin(JoinType type, Operator outer, Operator inner, List<Evaluator> keys, Evaluator condition,
            String description) {
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.keys = keys.toArray(new Evaluator[0]);
        this.keyTypes = PairCondition.types(keys);
        this.condition = condition;
        this.outerWidth = outer.types().size();
        this.innerWidth = inner.types().size();
        List<DataType> combined = PairCondition.concat(outer.types(), inner.types());
        this.combinedTypes = combined;
        this.types = type == JoinType.SEMI || type == JoinType.ANTI ? outer.types() : combined;
        this.description = description;
    }

    /**
     * @return the lookup plan of {@code j} as EXPLAIN shows it: an index scan's key conditions name
     *     the outer expressions ({@code Index Cond: (x = y)}) instead of the key references
     */
    static LogicalPlan described(LogicalPlan.IndexJoin j) {
        if (!(j.lookup() instanceof LogicalPlan.IndexScan s)) {
            return j.lookup();
        }
        List<PlanColumn> cols = new ArrayList<>(s.scan().columns());
        int width = cols.size();
        for (BoundExpr k : j.outerKeys()) {
            cols.add(new PlanColumn(ExplainText.expr(k, j.outer().columns()), k.type(), 0, -1));
        }
        List<BoundExpr> conditions = new ArrayList<>();
        for (BoundExpr c : s.conditions()) {
            conditions.add(ExprRewriter.rewrite(c, x -> x instanceof BoundExpr.OuterRef o && o.depth() == 1
                    ? new BoundExpr.ColumnRef(width + o.index(), o.type(), o.name()) : null));
        }
        LogicalPlan.Scan scan = new LogicalPlan.Scan(s.scan().table(), s.scan().projection(), s.scan().filter(), cols);
        return new LogicalPlan.IndexScan(scan, s.index(), s.bounds(), conditions, s.filter(), false, 0);
    }

    /**
     * @return PostgreSQL's EXPLAIN text of {@code j}: {@code Nested Loop [Left|Semi|Anti Join]}, and
     *     a {@code Join Filter} line with the conjuncts the lookup's key does not implement
     */
    static String description(LogicalPlan.IndexJoin j) {
        int outerWidth = j.outer().columns().size();
        List<BoundExpr> rest = new ArrayList<>();
        for (BoundExpr c : PhysicalPlanner.conjuncts(j.condition())) {
            if (!(c instanceof BoundExpr.Compare cmp && cmp.op() == BoundExpr.CompareOp.EQ
                    && (isKey(cmp.left(), cmp.right(), j, outerWidth) || isKey(cmp.right(), cmp.left(), j, outerWidth)))) {
                rest.add(c);
            }
        }
        List<PlanColumn> all = new ArrayList<>(j.outer().columns());
        all.addAll(j.lookup().columns());
        return PhysicalPlanner.joinName(j.type(), null) + (rest.isEmpty() ? ""
                : "\nJoin Filter: " + ExplainText.expr(rest.size() == 1 ? rest.get(0) : new BoundExpr.And(rest), all));
    }

    private static boolean isKey(BoundExpr innerSide, BoundExpr outerSide, LogicalPlan.IndexJoin j, int outerWidth) {
        return innerSide instanceof BoundExpr.ColumnRef r && r.index() >= outerWidth && j.outerKeys().contains(outerSide);
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext context) {
        this.ctx = context;
        output.clear();
        done = false;
        probes = 0;
        builder = new ChunkBuilder(types);
        pairs = new PairCondition(condition, combinedTypes);
        outer.open(ctx);
    }

    @Override
    public DataChunk next() {
        builder.reset();
        while (!builder.isFull()) {
            if (!output.isEmpty()) {
                builder.add(output.poll());
                continue;
            }
            if (done) {
                break;
            }
            DataChunk chunk = outer.next();
            if (chunk == null) {
                done = true;
                continue;
            }
            ctx.checkCancelled();
            join(chunk);
        }
        return builder.finish();
    }

    /** Joins one outer chunk into {@link #output}. */
    private void join(DataChunk chunk) {
        Vector[] kv = new Vector[keys.length];
        for (int j = 0; j < keys.length; j++) {
            kv[j] = keys[j].evaluate(chunk, ctx);
        }
        Map<KeyNormalizer.Key, List<Object[]>> matches = new HashMap<>();
        List<Object[]> outerRows = new ArrayList<>(chunk.size());
        List<KeyNormalizer.Key> rowKeys = new ArrayList<>(chunk.size());
        for (int k = 0; k < chunk.size(); k++) {
            int i = chunk.row(k);
            outerRows.add(chunk.rowValues(k));
            Object[] key = new Object[keys.length];
            for (int j = 0; j < keys.length; j++) {
                key[j] = kv[j].get(i);
            }
            KeyNormalizer.Key nk = KeyNormalizer.key(keyTypes, key);
            rowKeys.add(nk);
            if (!nk.hasNull() && !matches.containsKey(nk)) {
                matches.put(nk, probe(key));
            }
        }
        List<Object[]> combined = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int r = 0; r < outerRows.size(); r++) {
            List<Object[]> m = rowKeys.get(r).hasNull() ? List.of() : matches.get(rowKeys.get(r));
            for (Object[] in : m) {
                Object[] row = Arrays.copyOf(outerRows.get(r), outerWidth + innerWidth);
                System.arraycopy(in, 0, row, outerWidth, innerWidth);
                combined.add(row);
                owner.add(r);
            }
        }
        boolean[] pass = pairs.test(combined, ctx);
        boolean[] matched = new boolean[outerRows.size()];
        for (int c = 0; c < combined.size(); c++) {
            if (pass[c]) {
                matched[owner.get(c)] = true;
                if (type == JoinType.INNER || type == JoinType.LEFT) {
                    output.add(combined.get(c));
                }
            }
        }
        for (int r = 0; r < outerRows.size(); r++) {
            if (type == JoinType.SEMI && matched[r] || type == JoinType.ANTI && !matched[r]) {
                output.add(outerRows.get(r));
            } else if (type == JoinType.LEFT && !matched[r]) {
                output.add(Arrays.copyOf(outerRows.get(r), outerWidth + innerWidth));
            }
        }
    }

    /** @return the inner rows whose keys equal {@code key} */
    private List<Object[]> probe(Object[] key) {
        probes++;
        ctx.pushOuterRow(key);
        try {
            inner.open(ctx);
        } finally {
            ctx.popOuterRow();
        }
        List<Object[]> rows = new ArrayList<>(1);
        try {
            for (DataChunk c = inner.next(); c != null; c = inner.next()) {
                for (int k = 0; k < c.size(); k++) {
                    rows.add(c.rowValues(k));
                }
            }
        } finally {
            inner.close();
        }
        return rows;
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
        output.clear();
    }

    @Override
    public String analyze() {
        return "Probes: " + probes;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Operator> children() {
        return List.of(outer, inner);
    }
}
