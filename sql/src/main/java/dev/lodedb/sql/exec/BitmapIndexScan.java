package dev.lodedb.sql.exec;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.IndexBounds;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Bitmap index scan (PostgreSQL's node of that name, over sorted row keys instead of a page
 * bitmap): walks the index entries within the key ranges ({@link IndexRanges}) through the
 * statement's view, so a transaction's own uncommitted entries are read too, and returns the row
 * key of each entry as one bytea column, in ascending unsigned byte order without duplicates —
 * the input a {@link BitmapMerge} or {@link BitmapHeapScan} merges or fetches.
 *
 * <p>When the bounds fix every key element to one value, the entries differ only in their row
 * suffix and are already in row-key order: they stream. Otherwise every key is first put into an
 * {@link ExternalSort} that holds at most the statement's memory budget ({@link
 * ExecContext#memoryBudgetBytes()}, per operator as for a sort) and spills sorted runs to disk
 * beyond it, so the key set of a large range costs disk, not heap; EXPLAIN ANALYZE reports its
 * peak memory and spill files. Checks for cancellation between chunks. Not thread-safe.
 */
public final class BitmapIndexScan implements Operator {
    private static final List<DataType> TYPES = List.of(DataType.BYTEA);
    private static final Comparator<Object[]> ORDER = (a, b) -> Arrays.compareUnsigned((byte[]) a[0], (byte[]) b[0]);
    private final KeyEncoder keyEncoder;
    private final IndexRanges ranges;
    private final byte[] rowPrefix;
    private final boolean presorted;
    private final String description;
    private ExecContext ctx;
    private DataChunk chunk;
    private ExternalSort sorter;
    private Iterator<Object[]> sorted;
    private byte[] last;
    private long peakBytes;
    private int spilledRuns;

    /**
     * @param table the table
     * @param index the index, bound over the table
     * @param bounds the key ranges to read
     * @param presorted whether the entries of the bounds are in row-key order (every key element
     *     fixed to one value: {@link dev.lodedb.sql.plan.LogicalPlan.BitmapIndexScan#presorted()})
     * @param description the EXPLAIN text ({@code Bitmap Index Scan on i} and its Index Cond line)
     */
    public BitmapIndexScan(TableDef table, BoundIndex index, IndexBounds bounds, boolean presorted,
            String description) {
        this.keyEncoder = IndexKeys.keyEncoder(index.index(), table);
        this.ranges = new IndexRanges(keyEncoder, index.index().id(), bounds);
        this.rowPrefix = IndexKeys.rowPrefix(table);
        this.presorted = presorted;
        this.description = description;
    }

    @Override
    public List<DataType> types() {
        return TYPES;
    }

    @Override
    public void open(ExecContext context) {
        close();
        this.ctx = context;
        ranges.open(context);
        last = null;
        peakBytes = 0;
        spilledRuns = 0;
        if (chunk == null) {
            chunk = DataChunk.allocate(TYPES, DataChunk.CAPACITY);
        }
    }

    @Override
    public DataChunk next() {
        ctx.checkCancelled();
        if (!presorted && sorted == null) {
            sort();
        }
        chunk.reset();
        Vector keys = chunk.column(0);
        int n = 0;
        while (n < DataChunk.CAPACITY) {
            byte[] key = nextKey();
            if (key == null) {
                break;
            }
            if (last == null || !Arrays.equals(last, key)) {
                keys.set(n++, key);
                last = key;
            }
        }
        if (n == 0) {
            return null;
        }
        chunk.setSize(n);
        return chunk;
    }

    /** Reads every entry's row key into the sorter. */
    private void sort() {
        sorter = new ExternalSort(TYPES, ORDER, ctx.memoryBudgetBytes(), ctx.spillDirectory());
        int n = 0;
        while (ranges.next()) {
            sorter.add(new Object[] {IndexScan.rowKey(keyEncoder, rowPrefix, ranges.key())});
            if (++n % DataChunk.CAPACITY == 0) {
                ctx.checkCancelled();
            }
        }
        ranges.close();
        sorted = sorter.sorted();
        peakBytes = sorter.peakBytes();
        spilledRuns = sorter.spilledRuns();
    }

    private byte[] nextKey() {
        if (presorted) {
            return ranges.next() ? IndexScan.rowKey(keyEncoder, rowPrefix, ranges.key()) : null;
        }
        return sorted.hasNext() ? (byte[]) sorted.next()[0] : null;
    }

    @Override
    public void close() {
        ranges.close();
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
        sorted = null;
    }

    @Override
    public String analyze() {
        return presorted ? "" : Operator.memoryLine(peakBytes, spilledRuns);
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
