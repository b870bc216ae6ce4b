package dev.lodedb.sql.session;

import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.CatalogStore;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.engine.transaction.CommitLog;
import dev.lodedb.engine.transaction.LockManager;
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
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A SQL database over one key-value store: the catalog, the table data, per-table row counts and
 * the statement executor. Thread-safe; each thread uses its own {@link SqlSession}.
 *
 * <p>Concurrency (docs/transactions.md): transactions ({@link Transaction}) read store snapshots
 * and buffer their writes; they lock the rows they write in this database's {@link LockManager}
 * and commit one atomic batch each. Commits are numbered: a snapshot knows the number of the last
 * commit it includes, and while serializable transactions are open the keys of every commit are
 * kept in a {@link CommitLog} for their validation. Queries take no locks, so readers never block
 * writers and never see a transaction half applied.
 */
public final class SqlDatabase implements AutoCloseable {
    private final KeyValueStore store;
    private final SqlOptions options;
    private volatile Catalog catalog;
    private final LockManager locks = new LockManager();
    /** The number of the last commit that is visible (incremented after its batch is written). */
    private final AtomicLong commitNo = new AtomicLong();
    /**
     * Shared by commits while no serializable transaction is open (so they group-commit); taken
     * exclusively to start a serializable transaction and, while one is open, by every commit, so
     * that validation, the write and its record in {@link #commitLog} happen as one step.
     */
    private final ReentrantReadWriteLock commitGate = new ReentrantReadWriteLock();
    private final CommitLog commitLog = new CommitLog();
    /** The snapshot commit numbers of the open serializable transactions (a multiset). */
    private final java.util.TreeMap<Long, Integer> serializableSnapshots = new java.util.TreeMap<>();
    /** Held (write) while a catalog-changing commit applies its batch and publishes the catalog. */
    private final ReentrantReadWriteLock publishLock = new ReentrantReadWriteLock();
    private final Map<Integer, AtomicLong> rowCounts = new ConcurrentHashMap<>();
    /**
     * Per table, the row count last put into a commit batch (-1: none stored). A commit stores the
     * count only when it moved far from this one ({@link #worthStoring}), and {@link #close} stores
     * the rest, so that bulk loads do not write the same key in every commit.
     */
    private final Map<Integer, Long> storedCounts = new ConcurrentHashMap<>();
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
        long undone = dev.lodedb.engine.transaction.UndoLog.recover(store);
        if (undone > 0) {
            org.slf4j.LoggerFactory.getLogger(SqlDatabase.class).info(
                    "rolled back a large transaction that did not commit ({} undo records)", undone);
        }
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

    /** @return the lock manager of this database's transactions */
    LockManager locks() {
        return locks;
    }

    /** @return the number of the last visible commit */
    long commitNo() {
        return commitNo.get();
    }

    /**
     * @return a new snapshot with the commit number and catalog that describe it; a serializable
     *     transaction's snapshot is registered so that later commits record their keys for it
     */
    Transaction.Scope snapshotScope(Transaction asker, boolean serializable) {
        if (serializable) {
            commitGate.writeLock().lock();
            try {
                CatalogSnapshot cs = snapshotWithCatalog(asker);
                long n = commitNo.get();
                synchronized (serializableSnapshots) {
                    serializableSnapshots.merge(n, 1, Integer::sum);
                }
                return new Transaction.Scope(cs.snapshot(), n, cs.catalog(), true);
            } finally {
                commitGate.writeLock().unlock();
            }
        }
        // the number first: a commit that lands in between is then checked, never missed
        long n = commitNo.get();
        CatalogSnapshot cs = snapshotWithCatalog(asker);
        return new Transaction.Scope(cs.snapshot(), n, cs.catalog(), true);
    }

    /** Releases a transaction's snapshot (and its registration when it was serializable). */
    void releaseScope(Transaction.Scope scope) {
        store.releaseSnapshot(scope.snapshot());
        synchronized (serializableSnapshots) {
            Integer c = serializableSnapshots.get(scope.commitNo());
            if (c != null) {
                if (c == 1) {
                    serializableSnapshots.remove(scope.commitNo());
                } else {
                    serializableSnapshots.put(scope.commitNo(), c - 1);
                }
                commitLog.truncate(serializableSnapshots.isEmpty() ? commitNo.get()
                        : serializableSnapshots.firstKey());
            }
        }
    }

    private boolean serializableOpen() {
        synchronized (serializableSnapshots) {
            return !serializableSnapshots.isEmpty();
        }
    }

    /**
     * Commits a transaction's writes as one atomic batch: validates a serializable transaction's
     * reads, writes the batch with the new row counts (durable when {@code sync}), numbers the
     * commit, and records its keys while serializable transactions are open.
     *
     * @param keys records the keys written in the commit log under the commit's number (called only
     *     while serializable transactions are open)
     * @throws SqlException 40001 when serializable validation fails (nothing is written)
     */
    long commitTransaction(Transaction txn, WriteBatch batch,
            java.util.function.BiConsumer<CommitLog, Long> keys,
            Map<Integer, Long> rowCountDeltas, Catalog newCatalog, Iterable<Integer> droppedTables, boolean sync,
            boolean deferSync) {
        boolean exclusive = txn.serializable();
        if (!exclusive) {
            commitGate.readLock().lock();
            try {
                if (!serializableOpen()) {
                    return commit(batch, rowCountDeltas, newCatalog, droppedTables, sync, deferSync);
                }
            } finally {
                commitGate.readLock().unlock();
            }
        }
        commitGate.writeLock().lock();
        try {
            txn.validateReads(commitLog);
            long ticket = commit(batch, rowCountDeltas, newCatalog, droppedTables, sync, deferSync);
            if (serializableOpen()) {
                keys.accept(commitLog, commitNo.get());
            }
            return ticket;
        } finally {
            commitGate.writeLock().unlock();
        }
    }

    /** @return how an error names the table, index or object a key belongs to ({@code table "t"}) */
    String describeKey(byte[] key) {
        if (key == null || key.length < 5) {
            return "the database";
        }
        int id = ByteBuffer.wrap(key, 1, 4).getInt();
        Catalog cat = catalog;
        if (key[0] == TableKeys.ROW_PREFIX) {
            for (TableDef t : cat.tables()) {
                if (t.storageId() == id) {
                    return "table \"" + t.name() + "\"";
                }
            }
        } else if (key[0] == dev.lodedb.engine.encoding.IndexKeys.PREFIX) {
            for (dev.lodedb.engine.catalog.IndexDef ix : cat.indexes()) {
                if (ix.id() == id) {
                    TableDef t = cat.tableById(ix.tableId());
                    return "index \"" + ix.name() + "\"" + (t == null ? "" : " of table \"" + t.name() + "\"");
                }
            }
        }
        return "object " + id;
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

    /** @return a new snapshot with the catalog that matches it (see {@link #snapshotWithCatalog(Transaction)}) */
    CatalogSnapshot snapshotWithCatalog() {
        return snapshotWithCatalog(null);
    }

    /**
     * @param asker the transaction that will read, or {@code null} for a read outside one
     * @return a new snapshot with the catalog that matches it: the latest, or, while a large
     *     transaction other than {@code asker} writes into the store before its commit
     *     ({@link #pinReaders}), a share of the snapshot taken before its first such write
     */
    CatalogSnapshot snapshotWithCatalog(Transaction asker) {
        publishLock.readLock().lock();
        try {
            if (pinned != null && asker != pinOwner) {
                return new CatalogSnapshot(store.retainSnapshot(pinned), pinnedCatalog);
            }
            return new CatalogSnapshot(store.getSnapshot(), catalog);
        } finally {
            publishLock.readLock().unlock();
        }
    }

    /**
     * The snapshot every new reader shares while a large transaction writes into the store before it
     * commits (docs/transactions.md, "Large transactions"), or {@code null}; with the catalog and
     * the transaction it belongs to.
     */
    private Snapshot pinned;
    private Catalog pinnedCatalog;
    /** Written under the publish lock's write side; volatile for {@link #unpinReaders}'s check without it. */
    private volatile Transaction pinOwner;

    /**
     * Makes every new reader but {@code owner} read the current state until {@link #unpinReaders}:
     * {@code owner} (which holds the schema lock exclusively, so nothing else commits) is about to
     * write into the store before it commits.
     *
     * @return whether the store can share snapshots (otherwise nothing changed and the transaction
     *     must keep its writes in memory)
     */
    boolean pinReaders(Transaction owner) {
        publishLock.writeLock().lock();
        try {
            Snapshot s = store.getSnapshot();
            try {
                store.releaseSnapshot(store.retainSnapshot(s));
            } catch (UnsupportedOperationException e) {
                store.releaseSnapshot(s);
                return false;
            }
            pinned = s;
            pinnedCatalog = catalog;
            pinOwner = owner;
            return true;
        } finally {
            publishLock.writeLock().unlock();
        }
    }

    /** Lets new readers read the latest state again (after {@code owner}'s commit or rollback). */
    void unpinReaders(Transaction owner) {
        if (pinOwner != owner) {
            return; // only owner itself sets pinOwner to owner: every transaction's end checks this
        }
        publishLock.writeLock().lock();
        try {
            if (pinOwner == owner && pinned != null) {
                store.releaseSnapshot(pinned);
                pinned = null;
                pinnedCatalog = null;
                pinOwner = null;
            }
        } finally {
            publishLock.writeLock().unlock();
        }
    }

    /** @return the number of rows in table {@code tableId} as of the last commit */
    public long rowCount(int tableId) {
        return counter(tableId).get();
    }

    /**
     * @return whether table {@code t} has a committed row (exact, unlike {@link #rowCount}, which
     *     concurrent commits may leave briefly stale in the store)
     */
    boolean hasRows(TableDef t) {
        return hasRows(store, ReadOptions.DEFAULT, t);
    }

    /** @return whether {@code t} has a row in {@code view} as read with {@code options} */
    static boolean hasRows(KeyValueStore view, ReadOptions options, TableDef t) {
        int storage = t.storageId();
        try (StoreIterator it = view.newIterator(options.withBounds(TableKeys.prefix(storage),
                TableKeys.upperBound(storage)))) {
            it.seekToFirst();
            return it.isValid();
        }
    }

    private AtomicLong counter(int tableId) {
        return rowCounts.computeIfAbsent(tableId, id -> {
            byte[] v = store.get(ReadOptions.DEFAULT, TableKeys.statsKey(id));
            long n = v == null ? 0 : ByteBuffer.wrap(v).getLong();
            storedCounts.put(id, v == null ? -1L : n);
            return new AtomicLong(n);
        });
    }

    /**
     * @return whether a commit stores count {@code n} of a table whose stored count is {@code
     *     stored} (-1: none): when none is stored, the table became empty, or the count moved by more
     *     than half the stored one (and by more than 64 rows). Row counts are the planner's estimates:
     *     storing them in every commit put the same key into every flushed level-0 file of a bulk
     *     load, and so made all of those files overlap and forced compactions to rewrite them; this
     *     way a crash leaves a count off by at most about half (until a later commit or ANALYZE stores
     *     it again), and a clean close stores them all.
     */
    static boolean worthStoring(long stored, long n) {
        return stored < 0 || (n == 0 && stored != 0) || Math.abs(n - stored) > Math.max(64, stored / 2);
    }

    /**
     * Sets table {@code tableId}'s row count to {@code rows} as counted by ANALYZE, when no commit
     * happened since {@code commitNoAtSnapshot} (read right after the snapshot the count was made
     * on), so that a count left approximate by a crash becomes exact again.
     */
    void correctRowCount(int tableId, long rows, long commitNoAtSnapshot) {
        commitGate.writeLock().lock();
        try {
            if (commitNo.get() != commitNoAtSnapshot || closed) {
                return;
            }
            AtomicLong c = counter(tableId);
            if (c.get() != rows || storedCounts.getOrDefault(tableId, -1L) != rows) {
                c.set(rows);
                WriteBatch batch = new WriteBatch();
                putRowCount(batch, tableId, rows);
                store.write(WriteOptions.sync(false), batch);
                storedCounts.put(tableId, rows);
            }
        } finally {
            commitGate.writeLock().unlock();
        }
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
        commit(batch, rowCountDeltas, newCatalog, droppedTables, sync, false);
    }

    /**
     * {@link #commit(WriteBatch, Map, Catalog, Iterable, boolean)}, but with {@code deferSync} a
     * durable commit that changes no catalog is written without waiting for its fsync
     * ({@link KeyValueStore#writeDeferringSync}): the caller releases its locks, then waits with
     * {@link KeyValueStore#awaitDurable} on the returned ticket.
     *
     * @return the ticket to wait on, or 0 when the commit is as durable as it will be
     */
    long commit(WriteBatch batch, Map<Integer, Long> rowCountDeltas, Catalog newCatalog,
            Iterable<Integer> droppedTables, boolean sync, boolean deferSync) {
        long ticket = 0;
        for (Map.Entry<Integer, Long> e : rowCountDeltas.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            // the counter moves at once (atomically), the stored value follows with the batch
            long delta = e.getValue();
            long n = counter(e.getKey()).updateAndGet(c -> Math.max(0, c + delta));
            boolean[] persist = new boolean[1];
            storedCounts.compute(e.getKey(), (id, stored) -> {
                persist[0] = worthStoring(stored == null ? -1 : stored, n);
                return persist[0] ? n : stored;
            });
            if (persist[0]) {
                putRowCount(batch, e.getKey(), n);
            }
        }
        if (newCatalog != null) {
            CatalogStore.write(batch, catalogPersisted ? catalog : null, newCatalog);
        }
        if (newCatalog != null) {
            publishLock.writeLock().lock();
        }
        try {
            if (batch.count() > 0) {
                boolean durable = sync && options.syncCommits();
                if (durable && deferSync && newCatalog == null) {
                    ticket = store.writeDeferringSync(batch);
                } else {
                    store.write(WriteOptions.sync(durable), batch);
                }
            }
            commitNo.incrementAndGet();
            if (newCatalog != null) {
                catalog = newCatalog;
                catalogPersisted = true;
            }
        } finally {
            if (newCatalog != null) {
                publishLock.writeLock().unlock();
            }
        }
        for (int id : droppedTables) {
            rowCounts.remove(id);
            storedCounts.remove(id);
            nextRowIds.remove(id);
            columnStatistics.forget(id);
        }
        return ticket;
    }

    /** Puts table {@code tableId}'s row count {@code n} (int64) into {@code batch}, in a fresh array. */
    private static void putRowCount(WriteBatch batch, int tableId, long n) {
        batch.putShared(TableKeys.statsKey(tableId), ByteBuffer.allocate(8).putLong(n).array());
    }

    /** Stores every row count that differs from the stored one (at close: the counts are exact again). */
    private void storeRowCounts() {
        WriteBatch batch = new WriteBatch();
        for (Map.Entry<Integer, AtomicLong> e : rowCounts.entrySet()) {
            long n = e.getValue().get();
            if (storedCounts.getOrDefault(e.getKey(), -1L) != n && catalog.tableById(e.getKey()) != null) {
                putRowCount(batch, e.getKey(), n);
                storedCounts.put(e.getKey(), n);
            }
        }
        if (batch.count() > 0) {
            store.write(WriteOptions.sync(options.syncCommits()), batch);
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
            storeRowCounts();
        } finally {
            store.close();
        }
    }
}
