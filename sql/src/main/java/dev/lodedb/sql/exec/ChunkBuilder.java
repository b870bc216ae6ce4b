package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * Fills {@link DataChunk}s row by row, for operators whose output is not aligned with an input
 * chunk (sorts, aggregates, joins). Not thread-safe.
 */
final class ChunkBuilder {
    private final List<DataType> types;
    private DataChunk chunk;
    private int size;

    ChunkBuilder(List<DataType> types) {
        this.types = types;
    }

    private void ensure() {
        if (chunk == null) {
            chunk = DataChunk.allocate(types, DataChunk.CAPACITY);
        }
    }

    /** Starts a new chunk, reusing the vectors of the previous one. */
    void reset() {
        ensure();
        chunk.reset();
        size = 0;
    }

    /** @return whether the current chunk is full */
    boolean isFull() {
        return size >= DataChunk.CAPACITY;
    }

    /** @return the number of rows in the current chunk */
    int size() {
        return size;
    }

    /** Appends a materialized row. */
    void add(Object[] row) {
        ensure();
        for (int c = 0; c < row.length; c++) {
            chunk.column(c).set(size, row[c]);
        }
        size++;
    }

    /** Appends row {@code from} of {@code source} columns into columns starting at {@code offset}. */
    void copy(Vector[] source, int from, int offset) {
        ensure();
        for (int c = 0; c < source.length; c++) {
            chunk.column(offset + c).copyFrom(source[c], from, size);
        }
    }

    /** Sets NULL in {@code count} columns starting at {@code offset} of the current row. */
    void nulls(int offset, int count) {
        ensure();
        for (int c = 0; c < count; c++) {
            chunk.column(offset + c).setNull(size);
        }
    }

    /** Finishes the current row after {@link #copy}/{@link #nulls}. */
    void endRow() {
        size++;
    }

    /**
     * Starts a new chunk and fills it from {@code rows} until it is full or they run out.
     *
     * @return the chunk, or {@code null} when {@code rows} had no more rows
     */
    DataChunk fill(java.util.Iterator<Object[]> rows) {
        reset();
        while (!isFull() && rows.hasNext()) {
            add(rows.next());
        }
        return finish();
    }

    /** @return the chunk with its size set, or {@code null} if it is empty */
    DataChunk finish() {
        if (size == 0) {
            return null;
        }
        chunk.setSize(size);
        return chunk;
    }
}
