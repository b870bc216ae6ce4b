package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * Produces literal rows (VALUES), evaluating each row's expressions (constants, parameters,
 * outer references, subqueries) when it is reached. A VALUES with no columns and one row is the
 * input of a SELECT without FROM.
 */
final class ValuesOperator implements Operator {
    private final List<List<Evaluator>> rows;
    private final List<DataType> types;
    private ExecContext ctx;
    private int next;
    private DataChunk chunk;

    ValuesOperator(List<List<Evaluator>> rows, List<DataType> types) {
        this.rows = rows;
        this.types = types;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        next = 0;
        chunk = DataChunk.allocate(types, DataChunk.CAPACITY);
    }

    @Override
    public DataChunk next() {
        if (next >= rows.size()) {
            return null;
        }
        chunk.reset();
        int n = 0;
        while (n < DataChunk.CAPACITY && next < rows.size()) {
            List<Evaluator> row = rows.get(next++);
            for (int c = 0; c < row.size(); c++) {
                chunk.column(c).set(n, row.get(c).evaluateOnce(ctx));
            }
            n++;
        }
        chunk.setSize(n);
        return chunk;
    }

    @Override
    public void close() {
    }

    @Override
    public String describe() {
        return types.isEmpty() ? "Result" : "Values Scan (" + rows.size() + " rows)";
    }

    @Override
    public List<Operator> children() {
        return List.of();
    }
}
