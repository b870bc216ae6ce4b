package dev.lodedb.sql.exec;

import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.KeyEncoder;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.storage.StoreIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential scan of a table: a range scan of the table's key prefix through the statement's
 * snapshot, decoding only the projected columns of each row into the chunk's vectors, with an
 * optional pushed-down filter applied to each chunk as a selection vector.
 */
public final class TableScan implements Operator {
    private final TableDef table;
    private final int[] projection;
    private final Evaluator filter;
    private final ScanProjection output;
    private final List<Evaluator> keyPrefix;
    private KeyEncoder primaryKeyEncoder;
    /** For a point lookup: the one row's key and value, or {@code null} when the row is absent. */
    private byte[] pointKey;
    private byte[] pointValue;
    private boolean point;
    /** Projection entry that produces the row's store key (bytea) instead of a column. */
    public static final int KEY_COLUMN = -1;
    private StoreIterator it;
    private DataChunk chunk;
    private ExecContext ctx;
    private int[] selection;
    /** The bounds of a primary-key range on the key column after the prefix ({@code null}: none). */
    private final Evaluator rangeLower;
    private final Evaluator rangeUpper;
    private final boolean lowerInclusive;
    private final boolean upperInclusive;
    /** Late materialization: the output columns the filter reads, and the others ({@code null}: off). */
    private final boolean[] filterFirst;
    private final boolean[] rest;
    /** The stored rows and keys of the current chunk, kept for the second decoding step. */
    private byte[][] chunkValues;
    private byte[][] chunkKeys;

    /**
     * @param table the table
     * @param projection indexes into {@code table.columns()} to produce; {@link #KEY_COLUMN} produces
     *     the row's key (for UPDATE and DELETE)
     * @param filter a predicate over the produced columns, or {@code null}
     */
    public TableScan(TableDef table, int[] projection, Evaluator filter) {
        this(table, projection, filter, List.of());
    }

    /**
     * @param table the table
     * @param projection indexes into {@code table.columns()} to produce; {@link #KEY_COLUMN} produces
     *     the row's key (for UPDATE and DELETE)
     * @param filter a predicate over the produced columns, or {@code null}
     * @param keyPrefix evaluators of the leading primary-key values to restrict the scan to (a
     *     point lookup when they cover the key); empty for a full scan
     */
    public TableScan(TableDef table, int[] projection, Evaluator filter, List<Evaluator> keyPrefix) {
        this(table, projection, filter, keyPrefix, null);
    }

    /**
     * @param table the table
     * @param projection indexes into {@code table.columns()} to produce; {@link #KEY_COLUMN} produces
     *     the row's key (for UPDATE and DELETE)
     * @param filter a predicate over the produced columns, or {@code null}
     * @param keyPrefix evaluators of the leading primary-key values to restrict the scan to (a
     *     point lookup when they cover the key); empty for a full scan
     * @param keyRange bounds on the primary-key column after the prefix, or {@code null}
     */
    public TableScan(TableDef table, int[] projection, Evaluator filter, List<Evaluator> keyPrefix,
            dev.lodedb.sql.plan.KeyRange keyRange) {
        this(table, projection, filter, keyPrefix, keyRange, null);
    }

    /**
     * @param table the table
     * @param projection indexes into {@code table.columns()} to produce; {@link #KEY_COLUMN} produces
     *     the row's key (for UPDATE and DELETE)
     * @param filter a predicate over the produced columns, or {@code null}
     * @param keyPrefix evaluators of the leading primary-key values to restrict the scan to (a
     *     point lookup when they cover the key); empty for a full scan
     * @param keyRange bounds on the primary-key column after the prefix, or {@code null}
     * @param filterColumns the output positions {@code filter} reads, or {@code null} when unknown:
     *     given, a chunk's rows are decoded in two steps, those columns first and the others only for
     *     the rows that pass the filter (late materialization)
     */
    public TableScan(TableDef table, int[] projection, Evaluator filter, List<Evaluator> keyPrefix,
            dev.lodedb.sql.plan.KeyRange keyRange, java.util.Set<Integer> filterColumns) {
        boolean[] first = null;
        if (filter != null && filterColumns != null && filterColumns.size() < projection.length) {
            first = new boolean[projection.length];
            for (int c : filterColumns) {
                first[c] = true;
            }
        }
        this.filterFirst = first;
        if (first != null) {
            rest = new boolean[projection.length];
            for (int c = 0; c < projection.length; c++) {
                rest[c] = !first[c];
            }
        } else {
            rest = null;
        }
        this.rangeLower = keyRange == null || keyRange.lower() == null ? null
                : ExpressionCompiler.compile(keyRange.lower());
        this.rangeUpper = keyRange == null || keyRange.upper() == null ? null
                : ExpressionCompiler.compile(keyRange.upper());
        this.lowerInclusive = keyRange != null && keyRange.lowerInclusive();
        this.upperInclusive = keyRange != null && keyRange.upperInclusive();
        this.keyPrefix = keyPrefix;
        this.table = table;
        this.projection = projection;
        this.filter = filter;
        this.output = new ScanProjection(table, projection);
    }

    private static final java.util.Map<TableDef, RowCodec> CODECS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** @return the row codec of a table version, shared (codecs are immutable and thread-safe) */
    public static RowCodec codecOf(TableDef table) {
        RowCodec c = CODECS.get(table);
        if (c == null) {
            c = new RowCodec(table.rowSchema());
            CODECS.put(table, c);
        }
        return c;
    }

    @Override
    public List<DataType> types() {
        return output.types();
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        byte[] lower = TableKeys.prefix(table.storageId());
        byte[] upper = TableKeys.upperBound(table.storageId());
        point = false;
        if (!keyPrefix.isEmpty() || rangeLower != null || rangeUpper != null) {
            List<Object> values = new ArrayList<>();
            boolean nullKey = false;
            for (Evaluator e : keyPrefix) {
                Object v = e.evaluateOnce(ctx);
                nullKey |= v == null;
                values.add(v);
            }
            KeyEncoder pk = primaryKeyEncoder;
            if (pk == null) {
                pk = TableKeys.primaryKeyEncoder(table);
                primaryKeyEncoder = pk;
            }
            if (nullKey) {
                lower = upper;
            } else if (values.size() == table.primaryKey().size()) {
                point = true;
                pointKey = TableKeys.rowKey(table.storageId(), pk, values);
                pointValue = ctx.store().get(ctx.readOptions(), pointKey);
            } else {
                byte[] head = pk.encodePrefix(lower, values);
                lower = head;
                upper = KeyEncoder.prefixSuccessor(head);
                if (rangeLower != null || rangeUpper != null) {
                    Object lo = rangeLower == null ? null : rangeLower.evaluateOnce(ctx);
                    Object hi = rangeUpper == null ? null : rangeUpper.evaluateOnce(ctx);
                    if (rangeLower != null && lo == null || rangeUpper != null && hi == null) {
                        lower = upper; // a NULL bound: no row
                    } else {
                        // the key column is ascending: > v starts after every key with v, <= v ends there
                        if (rangeLower != null) {
                            byte[] b = pk.encodePrefix(TableKeys.prefix(table.storageId()), with(values, lo));
                            lower = lowerInclusive ? b : KeyEncoder.prefixSuccessor(b);
                        }
                        if (rangeUpper != null) {
                            byte[] b = pk.encodePrefix(TableKeys.prefix(table.storageId()), with(values, hi));
                            upper = upperInclusive ? KeyEncoder.prefixSuccessor(b) : b;
                        }
                        if (java.util.Arrays.compareUnsigned(lower, upper) > 0) {
                            lower = upper;
                        }
                    }
                }
            }
        }
        int capacity = point ? 1 : DataChunk.CAPACITY;
        if (chunk == null || chunk.capacity() != capacity) {
            // kept across re-opens: a prepared statement's operator tree runs again and again
            chunk = DataChunk.allocate(output.types(), capacity);
        }
        if (point) {
            return;
        }
        selection = new int[DataChunk.CAPACITY];
        it = ctx.store().newIterator(ctx.readOptions().withBounds(lower, upper));
        it.seekToFirst();
    }

    private static List<Object> with(List<Object> values, Object last) {
        List<Object> out = new ArrayList<>(values);
        out.add(last);
        return out;
    }

    @Override
    public DataChunk next() {
        if (point) {
            return nextPoint();
        }
        while (true) {
            ctx.checkCancelled();
            chunk.reset();
            int n = 0;
            Vector[] cols = chunk.columns();
            boolean late = filterFirst != null;
            if (late && chunkValues == null) {
                chunkValues = new byte[DataChunk.CAPACITY][];
                chunkKeys = new byte[DataChunk.CAPACITY][];
            }
            while (n < DataChunk.CAPACITY && it.isValid()) {
                byte[] value = it.value();
                byte[] key = it.key();
                if (late) {
                    chunkValues[n] = value;
                    chunkKeys[n] = key;
                }
                output.fill(cols, n, value, key, filterFirst); // all columns unless late
                n++;
                it.next();
            }
            if (n == 0) {
                return null;
            }
            chunk.setSize(n);
            if (ScanProjection.filter(chunk, filter, ctx, selection)) {
                if (late) {
                    // the rows that passed get their other columns; the rest are never read
                    int passed = chunk.size();
                    for (int k = 0; k < passed; k++) {
                        int r = chunk.row(k);
                        output.fill(cols, r, chunkValues[r], chunkKeys[r], rest);
                    }
                    java.util.Arrays.fill(chunkValues, 0, n, null);
                    java.util.Arrays.fill(chunkKeys, 0, n, null);
                }
                return chunk;
            }
        }
    }

    private DataChunk nextPoint() {
        if (pointValue == null) {
            return null;
        }
        byte[] value = pointValue;
        pointValue = null;
        chunk.reset();
        output.fill(chunk.columns(), 0, value, pointKey);
        chunk.setSize(1);
        if (filter != null) {
            Vector v = filter.evaluate(chunk, ctx);
            if (v.isNull(0) || !v.booleans()[0]) {
                return null;
            }
        }
        return chunk;
    }

    @Override
    public void close() {
        if (it != null) {
            it.close();
            it = null;
        }
    }

    @Override
    public String describe() {
        if (!keyPrefix.isEmpty() || rangeLower != null || rangeUpper != null) {
            return (keyPrefix.size() == table.primaryKey().size() ? "Primary Key Lookup on " : "Primary Key Range Scan on ")
                    + table.name();
        }
        return "Seq Scan on " + table.name();
    }

    @Override
    public List<Operator> children() {
        return List.of();
    }
}
