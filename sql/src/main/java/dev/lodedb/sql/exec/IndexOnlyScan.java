package dev.lodedb.sql.exec;

import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.BoundIndex;
import dev.lodedb.sql.plan.IndexBounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Index-only scan: produces rows from the index entries alone, never reading the table — the key
 * columns decoded from the entry key, the primary key from its row suffix, and the stored columns
 * (INCLUDE columns and the lossy key and primary-key columns, whose exact values the key form
 * drops) from the entry value. Output columns the index does not hold are NULL; the optimizer uses
 * this operator only when nothing reads them. Checks for cancellation between chunks. Not
 * thread-safe.
 */
public final class IndexOnlyScan implements Operator {
    private static final int FROM_KEY = 0;
    private static final int FROM_PRIMARY_KEY = 1;
    private static final int FROM_STORED = 2;
    private static final int ROW_KEY = 3;
    private static final int ABSENT = 4;

    private final Evaluator filter;
    private final List<DataType> types;
    private final KeyEncoder keyEncoder;
    private final KeyEncoder primaryKey;
    private final RowCodec storedCodec;
    private final IndexRanges ranges;
    private final byte[] rowPrefix;
    private final int[] source;
    private final int[] sourceIndex;
    private final String description;
    private boolean needPrimaryKey;
    private boolean needStored;
    private DataChunk chunk;
    private ExecContext ctx;
    private int[] selection;

    /**
     * @param table the table
     * @param index the index, bound over the table
     * @param bounds the key ranges to read
     * @param projection indexes into {@code table.columns()} to produce; {@link TableScan#KEY_COLUMN}
     *     produces the row's key
     * @param filter a predicate over the produced columns, or {@code null}
     * @param description the EXPLAIN text
     */
    public IndexOnlyScan(TableDef table, BoundIndex index, IndexBounds bounds, int[] projection, Evaluator filter,
            String description) {
        this.filter = filter;
        this.description = description;
        IndexDef def = index.index();
        this.keyEncoder = IndexKeys.keyEncoder(def, table);
        this.primaryKey = table.hasHiddenRowId() ? null : TableKeys.primaryKeyEncoder(table);
        this.storedCodec = IndexKeys.storedCodec(def, table);
        this.ranges = new IndexRanges(keyEncoder, def.id(), bounds);
        this.rowPrefix = IndexKeys.rowPrefix(table);
        List<Integer> stored = IndexKeys.storedColumns(def, table);
        this.types = new ArrayList<>();
        this.source = new int[projection.length];
        this.sourceIndex = new int[projection.length];
        for (int j = 0; j < projection.length; j++) {
            int p = projection[j];
            if (p == TableScan.KEY_COLUMN) {
                types.add(DataType.BYTEA);
                source[j] = ROW_KEY;
                continue;
            }
            types.add(table.columns().get(p).type());
            int id = table.columns().get(p).id();
            if (stored.contains(id)) {
                source[j] = FROM_STORED;
                sourceIndex[j] = stored.indexOf(id);
                needStored = true;
            } else if (keyIndex(index, p) >= 0) {
                source[j] = FROM_KEY;
                sourceIndex[j] = keyIndex(index, p);
            } else if (table.primaryKey().contains(id)) {
                source[j] = FROM_PRIMARY_KEY;
                sourceIndex[j] = table.primaryKey().indexOf(id);
                needPrimaryKey = true;
            } else {
                source[j] = ABSENT;
            }
        }
    }

    private static int keyIndex(BoundIndex index, int tablePosition) {
        for (int k = 0; k < index.keys().size(); k++) {
            if (index.keyColumn(k) == tablePosition) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext context) {
        this.ctx = context;
        ranges.open(context);
        if (chunk == null) {
            // kept across re-opens: a prepared statement's operator tree runs again and again
            chunk = DataChunk.allocate(types, DataChunk.CAPACITY);
            selection = new int[DataChunk.CAPACITY];
        }
    }

    @Override
    public DataChunk next() {
        int head = IndexKeys.prefix(0).length;
        Object[] keyValues = new Object[keyEncoder.columns().size()];
        while (true) {
            ctx.checkCancelled();
            chunk.reset();
            Vector[] cols = chunk.columns();
            int n = 0;
            while (n < DataChunk.CAPACITY && ranges.next()) {
                byte[] entry = ranges.key();
                int suffix = keyEncoder.decodeLeading(entry, head, entry.length - head, keyValues);
                Object[] pk = needPrimaryKey ? primaryKey.decode(entry, suffix, entry.length - suffix) : null;
                Object[] stored = needStored ? storedCodec.decode(ranges.value()) : null;
                for (int j = 0; j < source.length; j++) {
                    switch (source[j]) {
                        case FROM_KEY -> cols[j].set(n, keyValues[sourceIndex[j]]);
                        case FROM_PRIMARY_KEY -> cols[j].set(n, pk[sourceIndex[j]]);
                        case FROM_STORED -> cols[j].set(n, stored[sourceIndex[j]]);
                        case ROW_KEY -> cols[j].set(n, IndexKeys.rowKey(rowPrefix, entry, suffix));
                        default -> cols[j].setNull(n);
                    }
                }
                n++;
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
