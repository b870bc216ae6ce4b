package dev.lodedb.sql.session;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.CatalogStore;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.sql.optimizer.TableStatistics;
import dev.lodedb.sql.stats.RelationStatistics;
import dev.lodedb.sql.stats.StatisticsStore;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A SQL database over one key-value store: the catalog, the table data, per-table row counts and
 * the statement executor. Thread-safe; each thread uses its own {@link SqlSession}.
 *
 * <p>Concurrency until transactions arrive (issue 5): statements that write (DDL and DML) run one
 * at a time under a database-wide write lock, each reading one store snapshot and committing its
 * writes as one atomic batch; queries never take the lock and read their own snapshot, so readers
 * never block writers and never see a statement half applied.
 */
public final class SqlDatabase implements AutoCloseable {
    private final KeyValueStore store;
    private final SqlOptions options;
    private volatile Catalog catalog;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Held (write) while a catalog-changing commit applies its batch and publishes the catalog. */
    private final ReentrantReadWriteLock publishLock = new ReentrantReadWriteLock();
    private final Map<Integer, AtomicLong> rowCounts = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> nextRowIds = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Whether the catalog has been written to the store (a new database has none until its first DDL). */
    private boolean catalogPersisted;

    /** The current values of the sequences. */
    private final Sequences sequences;
    /** The column statistics of ANALYZE, loaded lazily. */
    private final StatisticsStore columnStatistics;
    /** Re-analyzes tables after enough changes. */
    private final AutoAnalyze autoAnalyze = new AutoAnalyze(this);

    private SqlDatabase(KeyValueStore store, SqlOptions options, Catalog catalog) {
        this.store = store;
        this.options = options;
        this.catalog = catalog;
        this.sequences = new Sequences(store, options.syncCommits());
        this.columnStatistics = new StatisticsStore(store);
    }

    /** @return the current values of the sequences */
    Sequences sequences() {
        return sequences;
    }

    /**
     * Opens the database stored in {@code store}, loading (or creating) its catalog.
     *
     * @param store the store; owned by the database from now on and closed with it
     * @param options execution settings
     * @return the open database
     * @throws dev.lodedb.engine.SqlException XX001 if the catalog is damaged
     */
    public static SqlDatabase open(KeyValueStore store, SqlOptions options) {
        BulkLoader.removeAbandonedStorage(store);
        SqlDatabase db = new SqlDatabase(store, options, CatalogStore.load(store, ReadOptions.DEFAULT));
        db.catalogPersisted = store.get(ReadOptions.DEFAULT, new byte[] {CatalogStore.PREFIX, 0}) != null;
        return db;
    }

    /** @return a new session */
    public SqlSession openSession() {
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        return new SqlSession(this);
    }

    /** @return the current catalog snapshot */
    public Catalog catalog() {
        return catalog;
    }

    /** @return the store */
    public KeyValueStore store() {
        return store;
    }

    /** @return the execution settings */
    public SqlOptions options() {
        return options;
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    /**
     * A store snapshot and the catalog that describes it. A commit that changes the catalog
     * writes its batch and publishes the catalog under {@link #publishLock}'s write lock, so a
     * reader never pairs an old catalog (pointing at a table's old storage) with a snapshot taken
     * after a bulk load moved the table to new storage.
     *
     * @param snapshot the snapshot; the caller releases it
     * @param catalog the catalog current when it was taken
     */
    record CatalogSnapshot(Snapshot snapshot, Catalog catalog) {
    }

    /** @return a new snapshot with the catalog that matches it */
    CatalogSnapshot snapshotWithCatalog() {
        publishLock.readLock().lock();
        try {
            return new CatalogSnapshot(store.getSnapshot(), catalog);
        } finally {
            publishLock.readLock().unlock();
        }
    }

    /** @return the number of rows in table {@code tableId} as of the last commit */
    public long rowCount(int tableId) {
        return counter(tableId).get();
    }

    private AtomicLong counter(int tableId) {
        return rowCounts.computeIfAbsent(tableId, id -> {
            byte[] v = store.get(ReadOptions.DEFAULT, TableKeys.statsKey(id));
            return new AtomicLong(v == null ? 0 : ByteBuffer.wrap(v).getLong());
        });
    }

    /** @return the row counts and column statistics as optimizer statistics */
    TableStatistics statistics() {
        return new TableStatistics() {
            @Override
            public long rowCount(TableDef t) {
                return SqlDatabase.this.rowCount(t.id());
            }

            @Override
            public RelationStatistics columns(TableDef t) {
                return columnStatistics.get(t.id());
            }
        };
    }

    /** @return the automatic re-analyze of changed tables */
    AutoAnalyze autoAnalyze() {
        return autoAnalyze;
    }

    /** @return the column statistics ANALYZE gathered */
    StatisticsStore columnStatistics() {
        return columnStatistics;
    }

    /** @return the next hidden row id of a table without primary key (caller holds the write lock) */
    long allocateRowIds(TableDef table, long count) {
        AtomicLong next = nextRowIds.computeIfAbsent(table.id(), id -> {
            int storage = table.storageId();
            try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(TableKeys.prefix(storage),
                    TableKeys.upperBound(storage)))) {
                it.seekToLast();
                return new AtomicLong(it.isValid() ? TableKeys.rowId(it.key()) + 1 : 1);
            }
        });
        return next.getAndAdd(count);
    }

    /**
     * Commits a statement's writes (caller holds the write lock): the batch, the new row counts of
     * the tables it changed (written into the same batch), and a new catalog if DDL changed it.
     *
     * @param rowCountDeltas rows added (negative: removed) per table id
     * @param newCatalog the catalog after the statement, or {@code null} if unchanged
     * @param droppedTables tables whose counters must be forgotten
     * @param sync whether to wait for the write-ahead log to reach the disk (the session's
     *     {@code synchronous_commit}; never when the database was opened without durable commits)
     */
    void commit(WriteBatch batch, Map<Integer, Long> rowCountDeltas, Catalog newCatalog, Iterable<Integer> droppedTables,
            boolean sync) {
        Map<Integer, Long> newCounts = new java.util.HashMap<>();
        for (Map.Entry<Integer, Long> e : rowCountDeltas.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            long n = Math.max(0, counter(e.getKey()).get() + e.getValue());
            newCounts.put(e.getKey(), n);
            batch.put(TableKeys.statsKey(e.getKey()), ByteBuffer.allocate(8).putLong(n).array());
        }
        if (newCatalog != null) {
            CatalogStore.write(batch, catalogPersisted ? catalog : null, newCatalog);
        }
        if (newCatalog != null) {
            publishLock.writeLock().lock();
        }
        try {
            if (batch.count() > 0) {
                store.write(WriteOptions.sync(sync && options.syncCommits()), batch);
            }
            if (newCatalog != null) {
                catalog = newCatalog;
                catalogPersisted = true;
            }
        } finally {
            if (newCatalog != null) {
                publishLock.writeLock().unlock();
            }
        }
        for (Map.Entry<Integer, Long> e : newCounts.entrySet()) {
            counter(e.getKey()).set(e.getValue());
        }
        for (int id : droppedTables) {
            rowCounts.remove(id);
            nextRowIds.remove(id);
            columnStatistics.forget(id);
        }
    }

    /** Closes the store. Sessions must not be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            autoAnalyze.close();
            sequences.flush();
        } finally {
            store.close();
        }
    }
}
