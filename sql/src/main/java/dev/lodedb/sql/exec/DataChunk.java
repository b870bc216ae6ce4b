package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of rows passed between operators: one {@link Vector} per column, a row count, and an
 * optional selection vector naming the rows still live (so a filter does not copy).
 *
 * <p>Row {@code k} of the chunk (0 &le; k &lt; {@link #size()}) is vector position
 * {@link #row(int) row(k)}: {@code selection[k]} when a selection is set, else {@code k}.
 * Not thread-safe.
 */
public final class DataChunk {
    /** The number of rows operators put in a chunk. */
    public static final int CAPACITY = 1024;

    private final Vector[] columns;
    private int size;
    private int[] selection;

    /** Wraps existing vectors; the size starts at 0. */
    public DataChunk(Vector[] columns) {
        this.columns = columns;
    }

    /**
     * @param types the column types
     * @param capacity rows per vector
     * @return an empty chunk with fresh vectors
     */
    public static DataChunk allocate(List<DataType> types, int capacity) {
        Vector[] v = new Vector[types.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = new Vector(types.get(i), capacity);
        }
        return new DataChunk(v);
    }

    /** @return the number of columns */
    public int columnCount() {
        return columns.length;
    }

    /** @return column {@code i} */
    public Vector column(int i) {
        return columns[i];
    }

    /** @return the columns (the array itself) */
    public Vector[] columns() {
        return columns;
    }

    /** @return the number of live rows */
    public int size() {
        return size;
    }

    /** @return the selection vector, or {@code null} when rows 0..size-1 are all live */
    public int[] selection() {
        return selection;
    }

    /** @return the vector position of live row {@code k} */
    public int row(int k) {
        return selection == null ? k : selection[k];
    }

    /** Sets the row count and clears the selection. */
    public void setSize(int size) {
        this.size = size;
        this.selection = null;
    }

    /** Narrows the chunk to {@code count} live rows at the positions {@code selection[0..count)}. */
    public void select(int[] selection, int count) {
        this.selection = selection;
        this.size = count;
    }

    /**
     * @return the capacity of the vectors; for a chunk without columns (the input of a SELECT
     *     without FROM, or of evaluating a constant expression once) its row count, at least 1
     */
    public int capacity() {
        return columns.length == 0 ? Math.max(size, 1) : columns[0].capacity();
    }

    /** Resets every vector's NULL mask and the size. */
    public void reset() {
        for (Vector v : columns) {
            v.reset();
        }
        size = 0;
        selection = null;
    }

    /** @return live row {@code k} as Java values, one per column */
    public Object[] rowValues(int k) {
        int r = row(k);
        Object[] out = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            out[c] = columns[c].get(r);
        }
        return out;
    }

    /** @return the live rows as lists of Java values (for tests and small results) */
    public List<List<Object>> toRows() {
        List<List<Object>> rows = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            rows.add(java.util.Arrays.asList(rowValues(k)));
        }
        return rows;
    }
}
