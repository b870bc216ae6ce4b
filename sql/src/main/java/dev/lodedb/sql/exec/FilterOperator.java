package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/** Keeps the rows for which a predicate is true, by narrowing the chunk's selection vector. */
final class FilterOperator implements Operator {
    private final Operator input;
    private final Evaluator predicate;
    private final String text;
    private ExecContext ctx;

    FilterOperator(Operator input, Evaluator predicate, String text) {
        this.input = input;
        this.predicate = predicate;
        this.text = text;
    }

    @Override
    public List<DataType> types() {
        return input.types();
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        input.open(ctx);
    }

    @Override
    public DataChunk next() {
        DataChunk chunk;
        while ((chunk = input.next()) != null) {
            Vector v = predicate.evaluate(chunk, ctx);
            boolean[] b = v.booleans();
            boolean[] nulls = v.nulls();
            int n = chunk.size();
            int[] sel = new int[n]; // a new array: the chunk keeps it while downstream reads
            int count = 0;
            for (int k = 0; k < n; k++) {
                int i = chunk.row(k);
                if (!nulls[i] && b[i]) {
                    sel[count++] = i;
                }
            }
            if (count > 0) {
                chunk.select(sel, count);
                return chunk;
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
    }

    @Override
    public String describe() {
        return "Filter: " + text;
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
