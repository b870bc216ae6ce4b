package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * WITH RECURSIVE: runs the anchor, then repeatedly runs the recursive part over the previous
 * iteration's rows (the working table) until an iteration produces no new rows (PostgreSQL's
 * algorithm, documentation section "Recursive Queries"). UNION drops rows already produced.
 */
final class RecursiveCteOperator implements Operator {
    /** Stops runaway recursion: more iterations than this is an error. */
    static final int MAX_ITERATIONS = 1_000_000;
    private final int id;
    private final Operator anchor;
    private final LogicalPlan recursive;
    private final boolean unionAll;
    private final List<DataType> types;
    private Iterator<Object[]> rows;
    private ChunkBuilder builder;

    RecursiveCteOperator(int id, Operator anchor, LogicalPlan recursive, boolean unionAll, List<DataType> types) {
        this.id = id;
        this.anchor = anchor;
        this.recursive = recursive;
        this.unionAll = unionAll;
        this.types = types;
    }

    /** @return all rows of {@code op}, which is opened and closed here */
    static List<Object[]> collect(Operator op, ExecContext ctx) {
        List<Object[]> out = new ArrayList<>();
        op.open(ctx);
        try {
            DataChunk c;
            while ((c = op.next()) != null) {
                ctx.checkCancelled();
                for (int k = 0; k < c.size(); k++) {
                    out.add(c.rowValues(k));
                }
            }
        } finally {
            op.close();
        }
        return out;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        List<Object[]> all = new ArrayList<>();
        Set<KeyNormalizer.Key> seen = new HashSet<>();
        List<Object[]> work = dedupe(collect(anchor, ctx), seen);
        all.addAll(work);
        int iterations = 0;
        while (!work.isEmpty()) {
            if (++iterations > MAX_ITERATIONS) {
                throw new dev.lodedb.engine.SqlException("54001", "recursive query did not finish after "
                        + MAX_ITERATIONS + " iterations");
            }
            ctx.setWorkingTable(id, work);
            work = dedupe(collect(PhysicalPlanner.plan(recursive), ctx), seen);
            all.addAll(work);
        }
        rows = all.iterator();
        builder = new ChunkBuilder(types);
    }

    private List<Object[]> dedupe(List<Object[]> rows, Set<KeyNormalizer.Key> seen) {
        if (unionAll) {
            return rows;
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            if (seen.add(KeyNormalizer.key(types, r))) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public DataChunk next() {
        return builder.fill(rows);
    }

    @Override
    public void close() {
        anchor.close();
    }

    @Override
    public String describe() {
        return "Recursive Union";
    }

    @Override
    public List<Operator> children() {
        return List.of(anchor);
    }
}
