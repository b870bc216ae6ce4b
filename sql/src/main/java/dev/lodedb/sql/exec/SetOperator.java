package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.LogicalPlan.SetOpKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UNION, INTERSECT and EXCEPT, with or without ALL, by counting rows per key in a hash table
 * (UNION ALL simply concatenates). Row equality treats NULLs as equal, as SQL set operations do.
 */
final class SetOperator implements Operator {
    private final SetOpKind kind;
    private final boolean all;
    private final Operator left;
    private final Operator right;
    private Iterator<Object[]> rows;
    private ChunkBuilder builder;
    private boolean leftDone;
    private ExecContext ctx;

    SetOperator(SetOpKind kind, boolean all, Operator left, Operator right) {
        this.kind = kind;
        this.all = all;
        this.left = left;
        this.right = right;
    }

    @Override
    public List<DataType> types() {
        return left.types();
    }

    private static final class Count {
        Object[] row;
        long left;
        long right;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        left.open(ctx);
        builder = new ChunkBuilder(types());
        if (kind == SetOpKind.UNION && all) {
            leftDone = false;
            return;
        }
        Map<KeyNormalizer.Key, Count> counts = new LinkedHashMap<>();
        count(left, counts, true);
        right.open(ctx);
        count(right, counts, false);
        List<Object[]> out = new ArrayList<>();
        for (Count c : counts.values()) {
            long n = switch (kind) {
                case UNION -> 1;
                case INTERSECT -> all ? Math.min(c.left, c.right) : (c.left > 0 && c.right > 0 ? 1 : 0);
                case EXCEPT -> all ? Math.max(0, c.left - c.right) : (c.left > 0 && c.right == 0 ? 1 : 0);
            };
            for (long i = 0; i < n; i++) {
                out.add(c.row);
            }
        }
        rows = out.iterator();
    }

    private void count(Operator op, Map<KeyNormalizer.Key, Count> counts, boolean isLeft) {
        List<DataType> types = types();
        DataChunk chunk;
        while ((chunk = op.next()) != null) {
            ctx.checkCancelled();
            for (int k = 0; k < chunk.size(); k++) {
                Object[] row = chunk.rowValues(k);
                Count c = counts.computeIfAbsent(KeyNormalizer.key(types, row), x -> new Count());
                if (c.row == null) {
                    c.row = row;
                }
                if (isLeft) {
                    c.left++;
                } else {
                    c.right++;
                }
            }
        }
    }

    @Override
    public DataChunk next() {
        if (rows == null) {
            if (!leftDone) {
                DataChunk c = left.next();
                if (c != null) {
                    return c;
                }
                leftDone = true;
                right.open(ctx);
            }
            return right.next();
        }
        return builder.fill(rows);
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }

    @Override
    public String describe() {
        return kind + (all ? " ALL" : "");
    }

    @Override
    public List<Operator> children() {
        return List.of(left, right);
    }
}
