package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A join's condition evaluated on candidate pairs of rows (left values followed by right values),
 * a chunk at a time through one reused {@link ChunkBuilder}; shared by {@link HashJoin} and {@link
 * IndexNestedLoopJoin}, with the type lists both build. Not thread-safe.
 */
final class PairCondition {
    private final Evaluator condition;
    private final ChunkBuilder builder;

    /**
     * @param condition the condition over the pairs' columns, or {@code null} (every pair passes)
     * @param pairTypes the pairs' column types
     */
    PairCondition(Evaluator condition, List<DataType> pairTypes) {
        this.condition = condition;
        this.builder = new ChunkBuilder(pairTypes);
    }

    /** @return whether each pair satisfies the condition (NULL does not) */
    boolean[] test(List<Object[]> pairs, ExecContext ctx) {
        boolean[] pass = new boolean[pairs.size()];
        if (condition == null) {
            Arrays.fill(pass, true);
            return pass;
        }
        int done = 0;
        while (done < pairs.size()) {
            ctx.checkCancelled();
            builder.reset();
            int start = done;
            while (!builder.isFull() && done < pairs.size()) {
                builder.add(pairs.get(done++));
            }
            DataChunk chunk = builder.finish();
            Vector v = condition.evaluate(chunk, ctx);
            for (int i = 0; i < chunk.size(); i++) {
                pass[start + i] = !v.isNull(i) && v.booleans()[i];
            }
        }
        return pass;
    }

    /**
     * @param left a left row (its first {@code leftWidth} values are taken), or {@code null} for NULLs
     * @param right a right row (its first {@code rightWidth} values are taken), or {@code null} for NULLs
     * @return the joined row: the left values followed by the right values
     */
    static Object[] pair(Object[] left, int leftWidth, Object[] right, int rightWidth) {
        Object[] out = new Object[leftWidth + rightWidth];
        if (left != null) {
            System.arraycopy(left, 0, out, 0, leftWidth);
        }
        if (right != null) {
            System.arraycopy(right, 0, out, leftWidth, rightWidth);
        }
        return out;
    }

    /** @return the result types of {@code evaluators} */
    static List<DataType> types(List<Evaluator> evaluators) {
        List<DataType> out = new ArrayList<>();
        for (Evaluator e : evaluators) {
            out.add(e.type());
        }
        return out;
    }

    /** @return {@code left}'s types followed by {@code right}'s */
    static List<DataType> concat(List<DataType> left, List<DataType> right) {
        List<DataType> out = new ArrayList<>(left);
        out.addAll(right);
        return out;
    }
}
