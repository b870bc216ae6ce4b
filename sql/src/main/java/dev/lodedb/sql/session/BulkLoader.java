package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.IndexDef;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.IndexKeys;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.sql.binder.IndexBinder;
import dev.lodedb.sql.exec.ExecContext;
import dev.lodedb.sql.exec.IndexBuild;
import dev.lodedb.sql.exec.IndexEntries;
import dev.lodedb.sql.exec.PendingWrites;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the rows of a bulk load — {@code COPY ... FROM} into a table, {@code CREATE TABLE AS}
 * into a new one — so that the load commits all or nothing with memory bounded whatever its size.
 * The caller holds the database's write lock from construction to {@link #commit} or
 * {@link #abort}, so nothing else writes the table meanwhile.
 *
 * <p><b>Small loads</b> buffer their rows in one {@link PendingWrites} and commit it as one batch,
 * like any DML statement.
 *
 * <p><b>Large loads</b>: once the buffered writes pass the session's {@code bulk_load_threshold}
 * (16 MiB by default; for a new or empty table the chunk size, if smaller, as there is nothing to
 * copy) the load becomes a <em>rewrite</em> into new storage, PostgreSQL's relfilenode swap:
 * <ol>
 *   <li>A storage id S' is taken from the catalog's object id counter (a new table of CREATE TABLE
 *       AS keeps its own id: no catalog entry points at it yet), and a staging marker
 *       {@code 0x06 | S'} is written and synced first.</li>
 *   <li>The table's existing rows are copied from the statement's snapshot into S' (keys with the
 *       prefix rewritten, values as they are), then the rows buffered so far.</li>
 *   <li>Further rows go into S' in chunks of a few MiB, each written to the store without fsync.
 *       SQL cannot see them: no table points at S'. Primary keys are checked against S'
 *       ({@code store.get}, skipped while keys arrive in ascending order past the largest key
 *       written) and the current chunk.</li>
 *   <li>{@link #commit} writes ONE batch: the last chunk, the catalog entry of the table now
 *       pointing at S' (with the counter advanced), a range delete of the old storage, the new row
 *       count and the deletion of the marker, synced as the session's
 *       {@code synchronous_commit} says (after syncing the write-ahead logs that hold the chunks,
 *       so that no chunk lives only in an unsynced log). Readers see the old rows until that
 *       batch, the new ones after.</li>
 *   <li>{@link #abort} (any error) range-deletes S' and the marker; the table is unchanged. A
 *       crash leaves the marker, and {@link #removeAbandonedStorage} at the next open deletes the
 *       storage of every marker.</li>
 * </ol>
 * Secondary indexes: a small load maintains them row by row in the same batch (with their unique
 * checks); a rewrite rebuilds each of them over the staged rows under a new id at commit
 * ({@link IndexBuild}), and the commit's catalog change switches to the rebuilt indexes and
 * range-deletes the old entries.
 *
 * <p>Not thread-safe: one per statement.
 */
final class BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);
    /** Bytes of one chunk written during a rewrite. */
    static final int CHUNK_BYTES = 4 << 20;

    private final SqlDatabase db;
    private final TableDef table;
    private final ReadOptions snapshot;
    private final boolean newTable;
    private final long threshold;
    private final DmlExecutor.Target target;
    /** The statement's context: unique checks and index expressions of the small path. */
    private final ExecContext ctx;
    /** Makes contexts for the index rebuild of a rewrite (over a snapshot that sees the staged rows). */
    private final StatementExecutor executor;
    /** The indexes a rewrite has rebuilt under new ids (deleted again if the load aborts). */
    private final List<IndexDef> rebuilt = new ArrayList<>();
    private PendingWrites pending = new PendingWrites();
    /** The table's foreign keys, checked per row ({@code null} when it has none). */
    private final ForeignKeys.LoadCheck foreignKeys;
    private long rows;
    private long nextRowId = 1;
    /** The storage a rewrite writes into, or -1 while the load is small. */
    private int staged = -1;
    /** Chunks written to the store during a rewrite. */
    private long chunksWritten;
    /** The largest key written to the staged storage so far (keys above it cannot be duplicates). */
    private byte[] maxKey;
    /**
     * Whether a rewrite's pending chunk keeps its ordered view for duplicate checks: not while keys
     * arrive in ascending order (each is checked against {@link #maxKey} alone); from the first key
     * out of order on, for the rest of the load.
     */
    private boolean indexChunks;
    /** Whether the load runs in a transaction block. */
    private final boolean inBlock;

    /**
     * @param db the database (its write lock is held by the caller)
     * @param executor the statement executor (contexts for the index rebuild of a rewrite)
     * @param ctx the statement's context (unique checks and index expressions)
     * @param table the table loaded into: an existing one, or the new table of CREATE TABLE AS
     * @param snapshot read options with the statement's snapshot (existing rows are read there)
     * @param newTable whether {@code table} is not in the catalog yet (CREATE TABLE AS)
     * @param thresholdBytes buffered bytes beyond which the load becomes a rewrite (at most
     *     {@link #CHUNK_BYTES} for a new or empty table)
     */
    BulkLoader(SqlDatabase db, StatementExecutor executor, ExecContext ctx, TableDef table, ReadOptions snapshot,
            boolean newTable, long thresholdBytes) {
        this.db = db;
        this.executor = executor;
        this.ctx = ctx;
        this.table = table;
        this.snapshot = snapshot;
        this.newTable = newTable;
        // a new or empty table has no rows to copy: its rewrite can start with the first chunk,
        // so that chunks are written while the rows arrive instead of all at the commit
        boolean empty = newTable || !executor.hasRows(table);
        // inside a transaction block the load joins the block's writes (no rewrite), which go
        // into the store with an undo log when they outgrow the block's memory budget
        this.inBlock = executor.inBlock();
        this.threshold = inBlock ? Long.MAX_VALUE
                : empty ? Math.min(thresholdBytes, CHUNK_BYTES) : thresholdBytes;
        this.target = new DmlExecutor.Target(table, newTable ? null : executor.catalog());
        this.foreignKeys = newTable ? null : ForeignKeys.LoadCheck.of(executor.catalog(), table, ctx);
    }

    /** @return the rows added so far */
    long rows() {
        return rows;
    }

    /** @return whether the load has become a rewrite into new storage */
    boolean rewriting() {
        return staged >= 0;
    }

    /**
     * Adds one row.
     *
     * @param row the values in the table's column order, already of the column types
     * @throws dev.lodedb.engine.SqlException 23502 for a NULL in a NOT NULL column, 23514 for a
     *     violated CHECK constraint, 23503 for a key missing in a referenced table, 23505 for a
     *     primary key that exists (in the table or earlier in the load)
     */
    void add(Object[] row) {
        target.checkRow(row, ctx);
        if (foreignKeys != null) {
            foreignKeys.add(row);
        }
        byte[] key;
        if (target.pk == null) {
            long id = newTable ? nextRowId++ : db.allocateRowIds(table, 1);
            key = TableKeys.rowIdKey(target.storage, id);
        } else {
            key = target.key(row);
            if (exists(key)) {
                throw target.duplicate(row);
            }
        }
        put(key, target.codec.encode(row));
        if (staged < 0 && !target.indexes.isEmpty()) {
            // a small load maintains the indexes row by row, with their unique checks; a rewrite
            // rebuilds them from the staged rows at commit instead
            target.indexes.insert(row, key, ctx, pending);
        }
        rows++;
        if (maxKey != null && Arrays.compareUnsigned(key, maxKey) > 0) {
            maxKey = key;
        }
        if (staged < 0) {
            if (pending.batch().approximateSize() > threshold) {
                startRewrite();
            } else if (inBlock && (rows & 1023) == 0) {
                executor.spillBlockWrites(pending, ctx); // a large load in a block goes into the store
            }
        } else if (pending.batch().approximateSize() > CHUNK_BYTES) {
            writeChunk();
        }
    }

    /** Buffers a put; only tables with a primary key need the ordered view for duplicate checks. */
    private void put(byte[] key, byte[] value) {
        if (!inBlock && (target.pk == null || (staged >= 0 && !indexChunks))) {
            pending.batch().put(key, value);
        } else {
            pending.put(key, value);
        }
    }

    private boolean exists(byte[] key) {
        if (staged >= 0) {
            if (Arrays.compareUnsigned(key, maxKey) > 0) {
                return false; // beyond every key written, pending or not
            }
            if (!indexChunks) {
                // the first key out of order: the chunk so far has no ordered view, so write it
                // (the store then answers for its keys) and index the chunks from now on
                indexChunks = true;
                if (pending.batch().count() > 0) {
                    writeChunk();
                }
                return db.store().get(ReadOptions.DEFAULT, key) != null;
            }
        }
        byte[] mine = pending.lookup(key);
        if (mine != null) {
            return !PendingWrites.isDeleted(mine);
        }
        if (staged < 0) {
            return !newTable && pending.checkStore(ctx).get(pending.checkOptions(ctx), key) != null;
        }
        if (maxKey != null && Arrays.compareUnsigned(key, maxKey) > 0) {
            return false;
        }
        return db.store().get(ReadOptions.DEFAULT, key) != null;
    }

    /** Switches to a rewrite: stages new storage, copies the table's rows and the buffered ones there. */
    private void startRewrite() {
        int old = table.storageId();
        staged = newTable ? table.storageId() : db.catalog().nextObjectId();
        LOG.debug("bulk load into {} passed {} bytes: rewriting storage {} into {}", table.name(), threshold, old,
                staged);
        db.store().write(WriteOptions.sync(db.options().syncCommits()),
                new WriteBatch().put(TableKeys.stagingKey(staged), new byte[0]));
        PendingWrites buffered = pending;
        pending = new PendingWrites();
        target.storage = staged;
        maxKey = TableKeys.prefix(staged);
        if (!newTable) {
            try (StoreIterator it = db.store().newIterator(snapshot.withBounds(TableKeys.prefix(old),
                    TableKeys.upperBound(old)))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] k = rekey(it.key());
                    put(k, it.value());
                    maxKey = k;
                    if (pending.batch().approximateSize() > CHUNK_BYTES) {
                        writeChunk();
                    }
                }
            }
        }
        buffered.batch().forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                if (key[0] != TableKeys.ROW_PREFIX) {
                    return; // an index entry of the small path: the rewrite rebuilds the indexes
                }
                byte[] k = rekey(key);
                BulkLoader.this.put(k, value);
                if (Arrays.compareUnsigned(k, maxKey) > 0) {
                    maxKey = k;
                }
                if (pending.batch().approximateSize() > CHUNK_BYTES) {
                    writeChunk();
                }
            }

            @Override
            public void delete(byte[] key) {
                throw new IllegalStateException("a bulk load only puts");
            }

            @Override
            public void deleteRange(byte[] start, byte[] end) {
                throw new IllegalStateException("a bulk load only puts");
            }
        });
    }

    /** @return {@code key} of the table's storage moved to the staged storage */
    private byte[] rekey(byte[] key) {
        byte[] k = key.clone();
        System.arraycopy(TableKeys.prefix(staged), 0, k, 0, 5);
        return k;
    }

    private void writeChunk() {
        db.store().write(WriteOptions.DEFAULT, pending.batch());
        pending.clear(); // the store copied what it keeps: the next chunk reuses the buffer
        chunksWritten++;
    }

    /**
     * Commits the load (caller holds the write lock).
     *
     * @param catalogForNewTable for CREATE TABLE AS: the catalog with the new table; else ignored
     * @param sync whether to wait for the commit to be durable (the session's synchronous_commit)
     * @return the rows added
     */
    long commit(Catalog catalogForNewTable, boolean sync) {
        if (foreignKeys != null) {
            foreignKeys.finish();
        }
        Catalog next = newTable ? catalogForNewTable : null;
        if (staged >= 0 && !newTable && !target.indexes.isEmpty()) {
            // every row is staged once the last chunk is written: build the indexes over them
            // under new ids, switched to by the commit's catalog change below
            writeChunk();
        }
        WriteBatch batch = pending.batch();
        if (staged >= 0) {
            if (!newTable) {
                Catalog cat = db.catalog();
                next = cat.replaceTable(cat.tableById(table.id()).withStorageId(staged)).allocateId();
                if (!target.indexes.isEmpty()) {
                    next = rebuildIndexes(next, batch);
                }
                batch.deleteRange(TableKeys.prefix(table.storageId()), TableKeys.upperBound(table.storageId()));
            }
            if (sync && chunksWritten > 0) {
                // the chunks were written without fsync, possibly into logs that are not synced
                // any more by the final write: make them durable before the commit refers to them
                db.store().syncWal();
            }
            batch.delete(TableKeys.stagingKey(staged));
        }
        executor.commitDdl(batch, Map.of(table.id(), rows), next, List.of(), sync);
        staged = -1;
        return rows;
    }

    /**
     * Builds every index of the table over the staged rows under a new id (entries invisible until
     * the commit's catalog change), and adds to {@code batch} the range deletes of the old entries.
     *
     * @param next the catalog after the rewrite (its next object id is free)
     * @return {@code next} with each index replaced by its rebuilt copy, the ids consumed
     * @throws dev.lodedb.engine.SqlException 23505 naming the index when the loaded rows repeat a
     *     unique key (the caller aborts the load)
     */
    private Catalog rebuildIndexes(Catalog next, WriteBatch batch) {
        TableDef stagedTable = next.tableById(table.id());
        Snapshot snap = db.store().getSnapshot();
        try {
            ExecContext rebuild = executor.context(snap, new Object[0]);
            for (IndexDef def : next.indexesOf(table.id())) {
                IndexDef copy = def.withId(next.nextObjectId());
                next = next.allocateId();
                rebuilt.add(copy);
                try {
                    IndexBuild.build(rebuild, stagedTable, new IndexEntries(IndexBinder.bind(stagedTable, copy)));
                } catch (SqlException e) {
                    if (!SqlException.UNIQUE_VIOLATION.equals(e.sqlState())) {
                        throw e;
                    }
                    throw new SqlException(SqlException.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                            + def.name() + "\"", e.detail() == null ? null : e.detail().replace(" is duplicated.", " already exists."),
                            null, 0, null);
                }
                next = next.dropIndex(def.schema(), def.name(), false).createIndex(copy);
                batch.deleteRange(IndexKeys.prefix(def.id()), IndexKeys.upperBound(def.id()));
            }
            return next;
        } finally {
            db.store().releaseSnapshot(snap);
        }
    }

    /** Undoes a rewrite's staged writes (a small load has written nothing); the table is unchanged. */
    void abort() {
        if (staged < 0) {
            return;
        }
        try {
            WriteBatch undo = new WriteBatch();
            for (IndexDef ix : rebuilt) {
                undo.deleteRange(IndexKeys.prefix(ix.id()), IndexKeys.upperBound(ix.id()));
            }
            db.store().write(WriteOptions.DEFAULT, undo
                    .deleteRange(TableKeys.prefix(staged), TableKeys.upperBound(staged))
                    .delete(TableKeys.stagingKey(staged)));
        } catch (RuntimeException e) {
            LOG.warn("could not remove the staged storage {} of a failed bulk load (removed at the next open)",
                    staged, e);
        }
        staged = -1;
    }

    /**
     * Deletes the staged storage of every bulk load that did not commit (a crash mid-import), as
     * recorded by the staging markers {@code 0x06 | storage id}. Called when a database opens.
     *
     * @return the number of staged storages removed
     */
    static int removeAbandonedStorage(KeyValueStore store) {
        byte[] lo = {TableKeys.STAGING_PREFIX};
        byte[] hi = {TableKeys.STAGING_PREFIX + 1};
        WriteBatch batch = new WriteBatch();
        int n = 0;
        try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(lo, hi))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                int s = TableKeys.stagingStorageId(it.key());
                batch.deleteRange(TableKeys.prefix(s), TableKeys.upperBound(s));
                batch.delete(it.key());
                n++;
                LOG.info("removing storage {} of a bulk load that did not commit", s);
            }
        }
        if (n > 0) {
            store.write(WriteOptions.SYNC, batch);
        }
        return n;
    }
}
