package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * Computes expressions over each input chunk. The output chunk shares the input's selection
 * vector and, for plain column references, the input's vectors themselves (no copying).
 */
final class ProjectOperator implements Operator {
    private final Operator input;
    private final Evaluator[] exprs;
    private final List<DataType> types;
    private ExecContext ctx;

    ProjectOperator(Operator input, List<Evaluator> exprs, List<DataType> types) {
        this.input = input;
        this.exprs = exprs.toArray(new Evaluator[0]);
        this.types = types;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        input.open(ctx);
    }

    @Override
    public DataChunk next() {
        DataChunk in = input.next();
        if (in == null) {
            return null;
        }
        Vector[] out = new Vector[exprs.length];
        for (int j = 0; j < exprs.length; j++) {
            out[j] = exprs[j].evaluate(in, ctx);
        }
        DataChunk chunk = new DataChunk(out);
        if (in.selection() == null) {
            chunk.setSize(in.size());
        } else {
            chunk.select(in.selection(), in.size());
        }
        return chunk;
    }

    @Override
    public void close() {
        input.close();
    }

    @Override
    public String describe() {
        return "Project";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
