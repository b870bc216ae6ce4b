package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Builds a new index over the rows of an existing table (CREATE INDEX, ADD CONSTRAINT UNIQUE):
 * <ol>
 *   <li>scans the table in the statement's snapshot and computes each row's entry;</li>
 *   <li>sorts the entries by key with {@link ExternalSort}, which spills sorted runs to disk
 *       beyond the memory budget and merges them (a bulk index build as in PostgreSQL's
 *       {@code tuplesort}-based btree build);</li>
 *   <li>writes them in key order in batches of about {@link #BATCH_BYTES} directly to the store,
 *       under the new index's id — invisible to every statement until the catalog change that
 *       makes the index exist commits, which the caller does after this returns;</li>
 *   <li>for a unique index, detects equal keys (without NULLs) as neighbours in the sorted order
 *       and fails with 23505, deleting the range written so far.</li>
 * </ol>
 * The first batch starts with a range delete of the index's key range, so entries left by a build
 * that crashed under the same (then unpublished) id never surface. The caller holds the
 * database's write lock: no row changes during the build, and readers are not blocked.
 * Stateless and thread-safe.
 */
public final class IndexBuild {
    /** Bytes of entries per write batch. */
    static final int BATCH_BYTES = 4 << 20;
    private static final List<DataType> SORT_TYPES = List.of(DataType.BYTEA, DataType.BYTEA, DataType.INTEGER,
            DataType.BOOLEAN);

    private IndexBuild() {
    }

    /**
     * @param ctx the statement's context: its snapshot, memory budget, spill directory and
     *     cancellation
     * @param table the table (the version the index is defined on)
     * @param entries the new index's entry maker
     * @return the number of entries written
     * @throws dev.lodedb.engine.SqlException 23505 for a unique index over duplicate keys, 57014
     *     when cancelled, or an expression's error; the written range is deleted first
     */
    public static long build(ExecContext ctx, TableDef table, IndexEntries entries) {
        IndexDef index = entries.index();
        // the entries go straight to the store under an id only the (block's) new catalog knows;
        // inside a transaction block the context reads through the block's view
        KeyValueStore store = ctx.store() instanceof dev.lodedb.engine.transaction.TransactionView v ? v.store()
                : ctx.store();
        byte[] lower = IndexKeys.prefix(index.id());
        byte[] upper = IndexKeys.upperBound(index.id());
        boolean written = false;
        try (ExternalSort sort = new ExternalSort(SORT_TYPES, (a, b) -> Arrays.compareUnsigned((byte[]) a[0],
                (byte[]) b[0]), ctx.memoryBudgetBytes(), ctx.spillDirectory())) {
            collect(ctx, table, entries, sort);
            WriteBatch batch = new WriteBatch();
            batch.deleteRange(lower, upper);
            byte[] previousHead = null;
            long count = 0;
            for (Iterator<Object[]> it = sort.sorted(); it.hasNext(); ) {
                Object[] e = it.next();
                byte[] key = (byte[]) e[0];
                int headLength = (Integer) e[2];
                if (index.unique() && !(Boolean) e[3]) {
                    if (previousHead != null && Arrays.equals(previousHead, 0, previousHead.length, key, 0, headLength)) {
                        Object[] values = new Object[index.keys().size()];
                        entries.keyEncoder().decodeLeading(key, lower.length, key.length - lower.length, values);
                        throw new SqlException(SqlException.UNIQUE_VIOLATION, "could not create unique index \""
                                + index.name() + "\"", "Key " + entries.describe(values) + " is duplicated.", null, 0,
                                null);
                    }
                    previousHead = Arrays.copyOf(key, headLength);
                }
                batch.put(key, (byte[]) e[1]);
                count++;
                if (batch.approximateSize() >= BATCH_BYTES) {
                    ctx.checkCancelled();
                    store.write(WriteOptions.DEFAULT, batch);
                    written = true;
                    batch = new WriteBatch();
                }
            }
            store.write(WriteOptions.DEFAULT, batch);
            written = true;
            return count;
        } catch (RuntimeException e) {
            if (written) {
                store.write(WriteOptions.DEFAULT, new WriteBatch().deleteRange(lower, upper));
            }
            throw e;
        }
    }

    private static void collect(ExecContext ctx, TableDef table, IndexEntries entries, ExternalSort sort) {
        int n = table.columns().size();
        int[] projection = new int[n + 1];
        for (int i = 0; i < n; i++) {
            projection[i] = i;
        }
        projection[n] = TableScan.KEY_COLUMN;
        TableScan scan = new TableScan(table, projection, null);
        scan.open(ctx);
        try {
            DataChunk c;
            while ((c = scan.next()) != null) {
                for (int k = 0; k < c.size(); k++) {
                    Object[] r = c.rowValues(k);
                    Object[] row = Arrays.copyOf(r, n);
                    IndexEntries.Entry e = entries.entry(row, (byte[]) r[n], ctx);
                    if (e != null) {
                        sort.add(new Object[] {e.key(), e.value(), e.head().length, e.hasNull()});
                    }
                }
            }
        } finally {
            scan.close();
        }
    }
}
