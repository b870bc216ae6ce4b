package dev.lodedb.sql.session;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.exec.DataChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * A result computed completely before it is returned: DDL and DML command tags, RETURNING rows,
 * EXPLAIN and SHOW output.
 */
final class MaterializedResult implements StatementResult {
    private final List<ResultColumn> columns;
    private final List<Object[]> rows;
    private final long count;
    private final String tag;
    private int next;
    private List<String> notices = List.of();

    MaterializedResult(List<ResultColumn> columns, List<Object[]> rows, long count, String tag) {
        this.columns = columns;
        this.rows = rows;
        this.count = count;
        this.tag = tag;
    }

    /** @return this result carrying {@code messages} as its notices */
    MaterializedResult withNotices(List<String> messages) {
        this.notices = List.copyOf(messages);
        return this;
    }

    @Override
    public List<String> notices() {
        return notices;
    }

    /** @return a result without rows */
    static MaterializedResult command(String tag, long count) {
        return new MaterializedResult(List.of(), List.of(), count, tag);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean returnsRows() {
        return !columns.isEmpty();
    }

    @Override
    public DataChunk next() {
        if (next >= rows.size()) {
            return null;
        }
        List<DataType> types = new ArrayList<>();
        for (ResultColumn c : columns) {
            types.add(c.type());
        }
        DataChunk chunk = DataChunk.allocate(types, DataChunk.CAPACITY);
        int n = 0;
        while (n < DataChunk.CAPACITY && next < rows.size()) {
            Object[] r = rows.get(next++);
            for (int c = 0; c < r.length; c++) {
                chunk.column(c).set(n, r[c]);
            }
            n++;
        }
        chunk.setSize(n);
        return chunk;
    }

    @Override
    public long updateCount() {
        return count;
    }

    @Override
    public String commandTag() {
        return tag;
    }

    @Override
    public void close() {
        next = rows.size();
    }
}
