package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * How a scan of stored rows fills its output chunk: the output types, which stored
 * columns a row is decoded into (a {@link TableScan#KEY_COLUMN} entry produces the row's key as
 * bytea), and the filter applied to a chunk as a selection vector. Shared by {@link TableScan},
 * {@link IndexScan} and {@link BitmapHeapScan} (the filter also by {@link IndexOnlyScan}).
 * Not thread-safe: one per operator, which decodes rows with one reusable {@link RowCodec.Projector}.
 */
final class ScanProjection {
    private final RowCodec codec;
    private final List<DataType> types;
    private final int keyPosition;
    private final int[] decodeProjection;
    private final int[] outputOf;
    /** The decoder of {@link #decodeProjection}, made at the first row (it is reused row after row). */
    private RowCodec.Projector projector;

    /**
     * @param table the table
     * @param projection indexes into {@code table.columns()} to produce; {@link TableScan#KEY_COLUMN}
     *     produces the row's key
     */
    ScanProjection(TableDef table, int[] projection) {
        this.codec = TableScan.codecOf(table);
        List<DataType> t = new ArrayList<>();
        int keyAt = -1;
        int n = 0;
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] == TableScan.KEY_COLUMN) {
                t.add(DataType.BYTEA);
                keyAt = i;
            } else {
                t.add(table.columns().get(projection[i]).type());
                n++;
            }
        }
        this.types = t;
        this.keyPosition = keyAt;
        this.decodeProjection = new int[n];
        this.outputOf = new int[n];
        int j = 0;
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] != TableScan.KEY_COLUMN) {
                decodeProjection[j] = projection[i];
                outputOf[j++] = i;
            }
        }
    }

    /** @return the output column types */
    List<DataType> types() {
        return types;
    }

    /**
     * Reads the row with key {@code key} through the statement's view into position {@code i}.
     *
     * @param index what pointed to the row, for the error message ({@code index "i"})
     * @throws SqlException XX001 when the row does not exist (a damaged index)
     */
    void fetch(ExecContext ctx, TableDef table, String index, Vector[] cols, int i, byte[] key) {
        byte[] row = ctx.store().get(ctx.readOptions(), key);
        if (row == null) {
            throw new SqlException(SqlException.DATA_CORRUPTED, index + " has an entry for a row of table \""
                    + table.name() + "\" that does not exist");
        }
        fill(cols, i, row, key);
    }

    /** Decodes stored row {@code value} with key {@code key} into position {@code i} of {@code cols}. */
    void fill(Vector[] cols, int i, byte[] value, byte[] key) {
        fill(cols, i, value, key, null);
    }

    /**
     * Decodes the output columns {@code only} marks ({@code null}: all) of stored row {@code value}
     * with key {@code key} into position {@code i} of {@code cols}.
     */
    void fill(Vector[] cols, int i, byte[] value, byte[] key, boolean[] only) {
        RowCodec.Projector p = projector;
        if (p == null) {
            p = codec.projector(decodeProjection);
            projector = p;
        }
        p.reset(value);
        for (int c = 0; c < decodeProjection.length; c++) {
            if (only != null && !only[outputOf[c]]) {
                continue;
            }
            Vector v = cols[outputOf[c]];
            if (p.isNull(c)) {
                v.setNull(i);
            } else if (v.layout() == Vector.Layout.LONG) {
                v.setLong(i, p.getLong(c));
            } else {
                v.set(i, p.get(c));
            }
        }
        if (keyPosition >= 0 && (only == null || only[keyPosition])) {
            cols[keyPosition].set(i, key);
        }
    }

    /**
     * Narrows a filled chunk (size set, no selection) to the rows {@code filter} is true for.
     *
     * @param filter the predicate, or {@code null} (every row passes)
     * @param selection scratch space of at least the chunk's size
     * @return whether any row passed
     */
    static boolean filter(DataChunk chunk, Evaluator filter, ExecContext ctx, int[] selection) {
        if (filter == null) {
            return true;
        }
        int n = chunk.size();
        Vector v = filter.evaluate(chunk, ctx);
        boolean[] b = v.booleans();
        boolean[] nulls = v.nulls();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!nulls[i] && b[i]) {
                selection[count++] = i;
            }
        }
        if (count == 0) {
            return false;
        }
        chunk.select(selection, count);
        return true;
    }
}
