package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;

/**
 * A compiled expression evaluated a chunk at a time. The result vector is aligned with the input:
 * value {@code i} of the result belongs to vector position {@code i} of the input, and only the
 * live positions of the input's selection are computed (others are undefined). The result vector
 * is owned by the evaluator and overwritten by the next call; for a plain column reference it is
 * the input's own vector.
 *
 * <p>Not thread-safe: one evaluator belongs to one operator instance.
 */
public abstract class Evaluator {
    /** The result type. */
    protected final DataType type;
    private Vector result;

    protected Evaluator(DataType type) {
        this.type = type;
    }

    /** @return the result type */
    public DataType type() {
        return type;
    }

    /**
     * Evaluates the expression over the live rows of {@code input}.
     *
     * @throws dev.lodedb.engine.SqlException on data errors (division by zero, overflow, ...)
     */
    public abstract Vector evaluate(DataChunk input, ExecContext ctx);

    /** An input of one row and no columns, for expressions that read no input column; never modified. */
    private static final DataChunk ONE_ROW = oneRow();

    private static DataChunk oneRow() {
        DataChunk c = new DataChunk(new Vector[0]);
        c.setSize(1);
        return c;
    }

    /**
     * Evaluates an expression that reads no input column (a constant, a parameter, an outer
     * reference, a function of those) once.
     *
     * @return its value, or {@code null}
     */
    public Object evaluateOnce(ExecContext ctx) {
        return evaluate(ONE_ROW, ctx).get(0);
    }

    /** @return this evaluator's result vector, large enough for {@code input}, with its NULL mask cleared */
    protected Vector result(DataChunk input) {
        int capacity = input.capacity();
        if (result == null || result.capacity() < capacity) {
            result = new Vector(type, Math.max(capacity, 1));
        } else {
            result.reset();
        }
        return result;
    }
}
