package dev.lodedb.sql.exec;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.types.DataType;
import java.util.List;

/**
 * Bitmap heap scan (PostgreSQL's node of that name; here "fetch rows by a sorted key set"): takes
 * row keys in ascending order without duplicates from its input (a {@link BitmapIndexScan} or a
 * {@link BitmapMerge}), fetches each row once, in key order, through the statement's view (a
 * transaction's own uncommitted rows included, as the index entries that led to them), decodes the
 * projected columns and applies the scan's whole filter again — the recheck that makes an OR arm's
 * superset of keys exact. Produces the same chunks as {@link TableScan}, in primary-key order. A
 * key whose row is missing means a damaged index (XX001). Checks for cancellation between chunks.
 * Not thread-safe.
 */
public final class BitmapHeapScan implements Operator {
    private final TableDef table;
    private final Operator keys;
    private final ScanProjection projection;
    private final Evaluator filter;
    private final String description;
    private RowKeyCursor cursor;
    private ExecContext ctx;
    private DataChunk chunk;
    private int[] selection;

    /**
     * @param table the table
     * @param keys the row-key source
     * @param projection indexes into {@code table.columns()} to produce; {@link TableScan#KEY_COLUMN}
     *     produces the row's key
     * @param filter the scan's whole filter over the produced columns, or {@code null}
     * @param description the EXPLAIN text (first line and the Recheck Cond / Filter lines)
     */
    public BitmapHeapScan(TableDef table, Operator keys, int[] projection, Evaluator filter, String description) {
        this.table = table;
        this.keys = keys;
        this.projection = new ScanProjection(table, projection);
        this.filter = filter;
        this.description = description;
    }

    @Override
    public List<DataType> types() {
        return projection.types();
    }

    @Override
    public void open(ExecContext context) {
        this.ctx = context;
        keys.open(context);
        cursor = new RowKeyCursor(keys);
        if (chunk == null) {
            chunk = DataChunk.allocate(projection.types(), DataChunk.CAPACITY);
            selection = new int[DataChunk.CAPACITY];
        }
    }

    @Override
    public DataChunk next() {
        while (true) {
            ctx.checkCancelled();
            chunk.reset();
            Vector[] cols = chunk.columns();
            int n = 0;
            while (n < DataChunk.CAPACITY && cursor.advance()) {
                projection.fetch(ctx, table, "an index", cols, n++, cursor.key());
            }
            if (n == 0) {
                return null;
            }
            chunk.setSize(n);
            if (ScanProjection.filter(chunk, filter, ctx, selection)) {
                return chunk;
            }
        }
    }

    @Override
    public void close() {
        keys.close();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Operator> children() {
        return List.of(keys);
    }
}
