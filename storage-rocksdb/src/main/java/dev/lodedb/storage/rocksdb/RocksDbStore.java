package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.lsm.LsmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.Checkpoint;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;

/**
 * The LodeDB {@link KeyValueStore} API implemented on RocksDB (rocksdbjni): an optional backend,
 * and the yardstick that LodeDB's own LSM engine is checked and benchmarked against. Keys are
 * ordered by RocksDB's default bytewise comparator, which is the unsigned lexicographic order the
 * API requires. The {@link LsmOptions} are mapped onto RocksDB's options as listed on
 * {@link RocksDbConfig} (package-private; see its source).
 *
 * <h2>Properties</h2>
 * {@link #properties()} maps RocksDB's state to LodeDB's property names (sizes in bytes, times in
 * the unit the name says). Counters ({@code Statistics} tickers) count from this open.
 * <table>
 *   <caption>Property mapping</caption>
 *   <tr><th>LodeDB name</th><th>RocksDB source</th></tr>
 *   <tr><td>{@code level.N.files}, {@code level.N.bytes} (N = 0..6, or up to num_levels-1)</td>
 *       <td>{@code GetColumnFamilyMetaData()}: file count and total file size of level N</td></tr>
 *   <tr><td>{@code sst.files}, {@code sst.bytes}</td><td>the same, over all levels</td></tr>
 *   <tr><td>{@code memtable.bytes}</td><td>{@code rocksdb.cur-size-all-mem-tables}</td></tr>
 *   <tr><td>{@code memtable.immutable}</td><td>{@code rocksdb.num-immutable-mem-table}</td></tr>
 *   <tr><td>{@code keys.estimate}</td><td>{@code rocksdb.estimate-num-keys}</td></tr>
 *   <tr><td>{@code snapshots.open}</td><td>{@code rocksdb.num-snapshots}</td></tr>
 *   <tr><td>{@code compaction.pending}, {@code compaction.running}, {@code flush.running}</td>
 *       <td>{@code rocksdb.compaction-pending}, {@code rocksdb.num-running-compactions},
 *       {@code rocksdb.num-running-flushes}</td></tr>
 *   <tr><td>{@code block-cache.capacity}, {@code block-cache.usage}</td>
 *       <td>{@code rocksdb.block-cache-capacity}, {@code Cache.getUsage()} (0 without cache)</td></tr>
 *   <tr><td>{@code block-cache.hits}, {@code block-cache.misses}</td>
 *       <td>tickers {@code BLOCK_CACHE_HIT}, {@code BLOCK_CACHE_MISS} (data, index and filter
 *       blocks)</td></tr>
 *   <tr><td>{@code user.bytes-written}</td><td>ticker {@code BYTES_WRITTEN}: encoded batch bytes
 *       handed to {@code write}</td></tr>
 *   <tr><td>{@code user.keys-written}</td><td>ticker {@code NUMBER_KEYS_WRITTEN}</td></tr>
 *   <tr><td>{@code wal.bytes-written}, {@code wal.syncs}</td>
 *       <td>tickers {@code WAL_FILE_BYTES}, {@code WAL_FILE_SYNCED}</td></tr>
 *   <tr><td>{@code flush.bytes-written}</td><td>ticker {@code FLUSH_WRITE_BYTES}</td></tr>
 *   <tr><td>{@code disk.bytes-written}</td><td>{@code WAL_FILE_BYTES + FLUSH_WRITE_BYTES +
 *       COMPACT_WRITE_BYTES} (write amplification = this / {@code user.bytes-written})</td></tr>
 *   <tr><td>{@code flush.count}, {@code compaction.count}</td>
 *       <td>sample counts of histograms {@code FLUSH_TIME}, {@code COMPACTION_TIME}</td></tr>
 *   <tr><td>{@code compaction.bytes-read}, {@code compaction.bytes-written}</td>
 *       <td>tickers {@code COMPACT_READ_BYTES}, {@code COMPACT_WRITE_BYTES}</td></tr>
 *   <tr><td>{@code stall.micros}</td><td>ticker {@code STALL_MICROS} (microseconds writers were
 *       delayed or stopped)</td></tr>
 *   <tr><td>{@code bloom.useful}</td><td>ticker {@code BLOOM_FILTER_USEFUL}: point reads a filter
 *       answered "absent"</td></tr>
 *   <tr><td>{@code bloom.positive}</td><td>ticker {@code BLOOM_FILTER_FULL_POSITIVE}</td></tr>
 *   <tr><td>{@code bloom.false-positive}</td><td>{@code BLOOM_FILTER_FULL_POSITIVE -
 *       BLOOM_FILTER_FULL_TRUE_POSITIVE}: filter said "maybe", key was absent</td></tr>
 * </table>
 *
 * <h2>Threads and lifecycle</h2>
 * Thread-safe: any number of threads may read and write concurrently. Every operation runs
 * inside a read lock of a lifecycle lock that {@link #close()} takes exclusively, so no native
 * call can race with the database being freed: {@code close} waits for running operations
 * (including a running {@code compactRange}), then closes every open iterator and releases every
 * snapshot, and only then closes the database. Afterwards every method except {@code close},
 * {@code releaseSnapshot} of an already released snapshot and {@code StoreIterator.close}
 * throws {@link StoreException}.
 *
 * <h2>Errors</h2>
 * Every {@link RocksDBException} surfaces as a {@link StoreException} (a
 * {@link CorruptionException} for RocksDB's {@code Corruption} status) whose message names the
 * store directory and the RocksDB status. Opening a directory that is already open, in this
 * process or another, fails with a {@link StoreException} saying so and naming the directory.
 */
public final class RocksDbStore implements KeyValueStore {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDbConfig config;
    private final RocksDB db;
    private final boolean syncByDefault;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<RocksDbIterator> iterators = ConcurrentHashMap.newKeySet();
    private final Set<RocksDbSnapshot> snapshots = ConcurrentHashMap.newKeySet();
    private final org.rocksdb.ReadOptions readFill;
    private final org.rocksdb.ReadOptions readNoFill;
    private final org.rocksdb.WriteOptions[] writeOptions = new org.rocksdb.WriteOptions[4];
    /** Guarded by {@link #lifecycle}: written under the write lock, read under either. */
    private boolean closed;

    private RocksDbStore(Path dir, RocksDbConfig config, RocksDB db, boolean syncByDefault) {
        this.dir = dir;
        this.config = config;
        this.db = db;
        this.syncByDefault = syncByDefault;
        this.readFill = new org.rocksdb.ReadOptions();
        this.readNoFill = new org.rocksdb.ReadOptions().setFillCache(false);
        for (int i = 0; i < 4; i++) {
            writeOptions[i] = new org.rocksdb.WriteOptions()
                    .setSync((i & 1) != 0)
                    .setDisableWAL((i & 2) != 0);
        }
    }

    /**
     * Opens (or, with {@code options.createIfMissing()}, creates) the RocksDB store in {@code dir},
     * with default {@link LsmOptions}.
     *
     * @see #open(Path, LsmOptions)
     */
    public static RocksDbStore open(Path dir) {
        return open(dir, new LsmOptions());
    }

    /**
     * Opens (or creates) the RocksDB store in {@code dir}, tuned by {@code options}. With
     * {@code createIfMissing}, missing parent directories are created too.
     *
     * @param dir the store directory (RocksDB's {@code dbname})
     * @param options tuning, mapped onto RocksDB's options; not retained
     * @return the open store; close it when done
     * @throws StoreException if the directory is already open (its lock is held, by this process
     *     or another), does not exist without {@code createIfMissing}, exists with
     *     {@code errorIfExists}, is corrupt, or on I/O failure; the message names {@code dir}
     */
    public static RocksDbStore open(Path dir, LsmOptions options) {
        Path abs = dir.toAbsolutePath().normalize();
        if (options.createIfMissing()) {
            try {
                Files.createDirectories(abs.getParent());
            } catch (IOException e) {
                throw new StoreException("cannot create the parent directory of " + abs + ": " + e, e);
            }
        }
        RocksDbConfig config = new RocksDbConfig(options);
        try {
            RocksDB db = RocksDB.open(config.options, abs.toString());
            return new RocksDbStore(abs, config, db, options.syncWrites());
        } catch (RocksDBException e) {
            config.close();
            String msg = String.valueOf(e.getMessage());
            // another process: "While lock file: <dir>/LOCK: Resource temporarily unavailable";
            // this process: "lock hold by current process, ...: <dir>/LOCK: No locks available"
            if (msg.contains("LOCK:") || msg.contains("lock hold")) {
                throw new StoreException("cannot open store " + abs
                        + ": it is already open (its LOCK file is held by this or another process): "
                        + msg, e);
            }
            throw translate(abs, "cannot open store", e);
        } catch (RuntimeException | Error e) {
            config.close();
            throw e;
        }
    }

    /** @return the absolute store directory */
    public Path directory() {
        return dir;
    }

    /** {@inheritDoc} */
    @Override
    public byte[] get(ReadOptions options, byte[] key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        enter();
        try {
            RocksDbSnapshot snap = pinSnapshot(options.snapshot());
            if (snap == null) {
                return db.get(options.fillCache() ? readFill : readNoFill, key);
            }
            try (org.rocksdb.ReadOptions ro = new org.rocksdb.ReadOptions()) {
                ro.setFillCache(options.fillCache()).setSnapshot(snap.nativeSnapshot());
                return db.get(ro, key);
            } finally {
                snap.unpin();
            }
        } catch (RocksDBException e) {
            throw translate("get failed", e);
        } finally {
            exit();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The bounds are copied into native {@code iterate_lower_bound}/{@code iterate_upper_bound}
     * slices that live until the iterator is closed; a snapshot given in {@code options} is
     * pinned until then too.
     *
     * @throws StoreException if the store is closed or {@code options.snapshot()} was released
     * @throws IllegalArgumentException if the snapshot belongs to another store
     */
    @Override
    public StoreIterator newIterator(ReadOptions options) {
        enter();
        try {
            RocksDbSnapshot snap = pinSnapshot(options.snapshot());
            org.rocksdb.ReadOptions ro = null;
            Slice lower = null;
            Slice upper = null;
            try {
                ro = new org.rocksdb.ReadOptions().setFillCache(options.fillCache());
                if (options.lowerBound() != null) {
                    lower = new Slice(options.lowerBound());
                    ro.setIterateLowerBound(lower);
                }
                if (options.upperBound() != null) {
                    upper = new Slice(options.upperBound());
                    ro.setIterateUpperBound(upper);
                }
                if (snap != null) {
                    ro.setSnapshot(snap.nativeSnapshot());
                }
                RocksIterator it = db.newIterator(ro);
                RocksDbIterator result = new RocksDbIterator(this, it, ro, lower, upper, snap);
                iterators.add(result);
                return result;
            } catch (RuntimeException | Error e) {
                closeQuietly(ro, lower, upper);
                if (snap != null) {
                    snap.unpin();
                }
                throw e;
            }
        } finally {
            exit();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The batch's encoding is handed to RocksDB as one native {@code WriteBatch} (LodeDB's
     * encoding is RocksDB's, except for the range-delete tag, which is translated).
     *
     * @throws CorruptionException if the batch's encoding is malformed
     * @throws IllegalArgumentException if {@code options} asks for {@code sync} without the WAL
     */
    @Override
    public void write(WriteOptions options, WriteBatch batch) {
        if (options.sync() && options.disableWal()) {
            throw new IllegalArgumentException("a synced write needs the write-ahead log (sync with disableWal)");
        }
        byte[] rep = RocksBatchEncoding.toRocks(batch);
        org.rocksdb.WriteOptions wo = writeOptions[(options.sync() ? 1 : 0) | (options.disableWal() ? 2 : 0)];
        enter();
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch(rep)) {
            db.write(wo, wb);
        } catch (RocksDBException e) {
            throw translate("write failed", e);
        } finally {
            exit();
        }
    }

    /** Puts one key, synced when the store was opened with {@code syncWrites}. */
    @Override
    public void put(byte[] key, byte[] value) {
        write(WriteOptions.sync(syncByDefault), new WriteBatch().put(key, value));
    }

    /** Deletes one key, synced when the store was opened with {@code syncWrites}. */
    @Override
    public void delete(byte[] key) {
        write(WriteOptions.sync(syncByDefault), new WriteBatch().delete(key));
    }

    /** Deletes {@code [start, end)}, synced when the store was opened with {@code syncWrites}. */
    @Override
    public void deleteRange(byte[] start, byte[] end) {
        write(WriteOptions.sync(syncByDefault), new WriteBatch().deleteRange(start, end));
    }

    /** {@inheritDoc} */
    @Override
    public Snapshot getSnapshot() {
        enter();
        try {
            RocksDbSnapshot s = new RocksDbSnapshot(this, db.getSnapshot());
            snapshots.add(s);
            return s;
        } finally {
            exit();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Releasing a snapshot that is already released (also by this store's {@code close}) does
     * nothing; releasing a live snapshot after the store was closed cannot happen, since close
     * releases them all.
     *
     * @throws IllegalArgumentException if the snapshot belongs to another store
     */
    @Override
    public void releaseSnapshot(Snapshot snapshot) {
        RocksDbSnapshot s = own(snapshot);
        if (!enterIfOpen()) {
            return; // close released it
        }
        try {
            if (s.release()) {
                snapshots.remove(s);
            }
        } finally {
            exit();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Uses RocksDB's {@code Checkpoint}: table files are hard-linked when {@code target} is on
     * the same file system, the WAL is copied. Missing parent directories of {@code target} are
     * created.
     */
    @Override
    public void checkpoint(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        enter();
        try {
            if (Files.exists(abs)) {
                throw new StoreException("cannot checkpoint store " + dir + " into " + abs
                        + ": the target already exists");
            }
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (Checkpoint cp = Checkpoint.create(db)) {
                cp.createCheckpoint(abs.toString());
            }
        } catch (IOException e) {
            throw new StoreException("cannot checkpoint store " + dir + " into " + abs + ": " + e, e);
        } catch (RocksDBException e) {
            throw translate("checkpoint into " + abs + " failed", e);
        } finally {
            exit();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs RocksDB's {@code CompactRange} with {@code bottommost_level_compaction =
     * kForceOptimized}, so the bottom level is rewritten too and tombstones are dropped. Does
     * nothing when {@code begin > end}.
     */
    @Override
    public void compactRange(byte[] begin, byte[] end) {
        if (begin != null && end != null && java.util.Arrays.compareUnsigned(begin, end) > 0) {
            enter(); // still report a closed store
            exit();
            return;
        }
        enter();
        try (CompactRangeOptions cro = new CompactRangeOptions()
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForceOptimized)) {
            db.compactRange(db.getDefaultColumnFamily(), begin, end, cro);
        } catch (RocksDBException e) {
            throw translate("compactRange failed", e);
        } finally {
            exit();
        }
    }

    /** {@inheritDoc} Uses {@code FlushOptions.waitForFlush = true}. */
    @Override
    public void flush() {
        enter();
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo);
        } catch (RocksDBException e) {
            throw translate("flush failed", e);
        } finally {
            exit();
        }
    }

    /** {@inheritDoc} The names and their RocksDB sources are listed in the class comment. */
    @Override
    public Map<String, Long> properties() {
        enter();
        try {
            return RocksDbProperties.read(db, config);
        } catch (RocksDBException e) {
            throw translate("reading properties failed", e);
        } finally {
            exit();
        }
    }

    /**
     * Reads one raw RocksDB property, e.g. {@code rocksdb.stats} or
     * {@code rocksdb.num-files-at-level0}; for diagnostics and benchmarks.
     *
     * @return the property's value, or {@code null} if RocksDB does not know it
     * @throws StoreException if the store is closed
     */
    public String nativeProperty(String name) {
        enter();
        try {
            return db.getProperty(name);
        } catch (RocksDBException e) {
            return null;
        } finally {
            exit();
        }
    }

    /**
     * Waits for running operations, closes open iterators, releases open snapshots, lets RocksDB
     * finish background work, closes the database and frees every native object. Idempotent.
     *
     * @throws StoreException if RocksDB reports an error while closing (the store is closed
     *     regardless)
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (RocksDbIterator it : new ArrayList<>(iterators)) {
                it.closeForStore();
            }
            iterators.clear();
            for (RocksDbSnapshot s : new ArrayList<>(snapshots)) {
                s.releaseForClose();
            }
            snapshots.clear();
            RocksDBException failure = null;
            try {
                db.closeE();
            } catch (RocksDBException e) {
                failure = e;
            } finally {
                readFill.close();
                readNoFill.close();
                for (org.rocksdb.WriteOptions wo : writeOptions) {
                    wo.close();
                }
                config.close();
            }
            if (failure != null) {
                throw translate("close failed", failure);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "RocksDbStore[" + dir + "]";
    }

    // ---- lifecycle guard, shared with the iterator and snapshot classes ----

    /** Enters an operation: takes the lifecycle read lock, or throws if the store is closed. */
    void enter() {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw closedException();
        }
    }

    /**
     * Enters an operation if the store is open.
     *
     * @return {@code false} (holding no lock) if the store is closed
     */
    boolean enterIfOpen() {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            return false;
        }
        return true;
    }

    /** Leaves an operation entered by {@link #enter()} or {@link #enterIfOpen()}. */
    void exit() {
        lifecycle.readLock().unlock();
    }

    StoreException closedException() {
        return new StoreException("store " + dir + " is closed");
    }

    void forget(RocksDbIterator it) {
        iterators.remove(it);
    }

    /** Frees a native snapshot; the caller is inside the lifecycle lock (the db is open). */
    void releaseNative(org.rocksdb.Snapshot s) {
        db.releaseSnapshot(s);
    }

    StoreException translate(String what, RocksDBException e) {
        return translate(dir, what, e);
    }

    private static StoreException translate(Path dir, String what, RocksDBException e) {
        Status st = e.getStatus();
        String msg = what + " in store " + dir + ": " + e.getMessage();
        if (st != null && st.getCode() == Status.Code.Corruption) {
            CorruptionException c = new CorruptionException(dir, -1, msg);
            c.initCause(e);
            return c;
        }
        return new StoreException(msg, e);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // freeing a native handle does not fail in practice
                }
            }
        }
    }

    private RocksDbSnapshot own(Snapshot snapshot) {
        if (!(snapshot instanceof RocksDbSnapshot s) || s.owner() != this) {
            throw new IllegalArgumentException("snapshot " + snapshot + " does not belong to " + this);
        }
        return s;
    }

    /** Pins the snapshot of a read, or returns null for a read of the latest state. */
    private RocksDbSnapshot pinSnapshot(Snapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        RocksDbSnapshot s = own(snapshot);
        if (!s.pin()) {
            throw new StoreException("snapshot " + s + " of store " + dir + " has been released");
        }
        return s;
    }
}
