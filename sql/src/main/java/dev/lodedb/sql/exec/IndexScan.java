package dev.lodedb.sql.exec;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.IndexBounds;
import java.util.Arrays;
import java.util.List;

/**
 * Index scan: walks the index entries within the scan's key ranges ({@link IndexRanges}) in index
 * order, rebuilds each entry's row key from its row suffix, fetches the rows a chunk at a time
 * (the chunk's keys are read in key order, for locality in the store, and put back in index
 * order), decodes the projected columns and applies the residual filter — producing the same
 * chunks as {@link TableScan}, in index order. An entry whose row is missing means a damaged index
 * (XX001). Checks for cancellation between chunks. Not thread-safe.
 */
public final class IndexScan implements Operator {
    private final TableDef table;
    private final BoundIndex index;
    private final Evaluator filter;
    private final ScanProjection projection;
    private final KeyEncoder keyEncoder;
    private final IndexRanges ranges;
    private final byte[] rowPrefix;
    private final String description;
    private final long limitHint;
    /** Entries to read for the next chunk: the limit hint first, then growing to a full chunk. */
    private int batch;
    private DataChunk chunk;
    private ExecContext ctx;
    private int[] selection;
    private final byte[][] keys = new byte[DataChunk.CAPACITY][];
    private final Integer[] order = new Integer[DataChunk.CAPACITY];

    /**
     * @param table the table
     * @param index the index, bound over the table
     * @param bounds the key ranges to read
     * @param projection indexes into {@code table.columns()} to produce; {@link TableScan#KEY_COLUMN}
     *     produces the row's key
     * @param filter a predicate over the produced columns, or {@code null}
     * @param description the EXPLAIN text (first line and the Index Cond / Filter lines)
     * @param limitHint the rows a LIMIT above takes (the first batch fetches no more), or 0
     */
    public IndexScan(TableDef table, BoundIndex index, IndexBounds bounds, int[] projection, Evaluator filter,
            String description, long limitHint) {
        this.limitHint = limitHint;
        this.table = table;
        this.index = index;
        this.filter = filter;
        this.description = description;
        this.projection = new ScanProjection(table, projection);
        this.keyEncoder = IndexKeys.keyEncoder(index.index(), table);
        this.ranges = new IndexRanges(keyEncoder, index.index().id(), bounds);
        this.rowPrefix = IndexKeys.rowPrefix(table);
    }

    @Override
    public List<DataType> types() {
        return projection.types();
    }

    @Override
    public void open(ExecContext context) {
        this.ctx = context;
        ranges.open(context);
        batch = limitHint > 0 ? (int) Math.min(DataChunk.CAPACITY, limitHint) : DataChunk.CAPACITY;
        if (chunk == null) {
            // kept across re-opens: a prepared statement's operator tree runs again and again
            chunk = DataChunk.allocate(projection.types(), DataChunk.CAPACITY);
            selection = new int[DataChunk.CAPACITY];
        }
    }

    /** @return the key of the row an entry points to */
    static byte[] rowKey(KeyEncoder keyEncoder, byte[] rowPrefix, byte[] entry) {
        int head = IndexKeys.prefix(0).length;
        int suffix = keyEncoder.decodeLeading(entry, head, entry.length - head, null);
        return IndexKeys.rowKey(rowPrefix, entry, suffix);
    }

    @Override
    public DataChunk next() {
        while (true) {
            ctx.checkCancelled();
            int n = 0;
            while (n < batch && ranges.next()) {
                keys[n] = rowKey(keyEncoder, rowPrefix, ranges.key());
                order[n] = n;
                n++;
            }
            if (n == 0) {
                return null;
            }
            batch = Math.min(DataChunk.CAPACITY, batch * 8);
            Arrays.sort(order, 0, n, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
            chunk.reset();
            Vector[] cols = chunk.columns();
            for (int k = 0; k < n; k++) {
                int i = order[k];
                projection.fetch(ctx, table, "index \"" + index.index().name() + "\"", cols, i, keys[i]);
            }
            chunk.setSize(n);
            if (ScanProjection.filter(chunk, filter, ctx, selection)) {
                return chunk;
            }
        }
    }

    @Override
    public void close() {
        ranges.close();
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
