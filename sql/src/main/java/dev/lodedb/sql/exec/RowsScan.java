package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Emits materialized rows (CTE working tables and materializations, operator results held in
 * memory) as chunks. The rows are obtained when the operator opens.
 */
final class RowsScan implements Operator {
    private final List<DataType> types;
    private final Function<ExecContext, Iterable<Object[]>> rows;
    private final String description;
    private Iterator<Object[]> it;
    private ChunkBuilder builder;

    RowsScan(List<DataType> types, Function<ExecContext, Iterable<Object[]>> rows, String description) {
        this.types = types;
        this.rows = rows;
        this.description = description;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        it = rows.apply(ctx).iterator();
        builder = new ChunkBuilder(types);
    }

    @Override
    public DataChunk next() {
        return builder.fill(it);
    }

    @Override
    public void close() {
        it = null;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Operator> children() {
        return List.of();
    }
}
