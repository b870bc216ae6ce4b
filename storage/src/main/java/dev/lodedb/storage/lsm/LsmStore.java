package dev.lodedb.storage.lsm;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.sstable.BlockCache;
import dev.lodedb.storage.sstable.RangeTombstone;
import dev.lodedb.storage.sstable.Table;
import dev.lodedb.storage.sstable.TableOptions;
import dev.lodedb.storage.sstable.TableStatistics;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import dev.lodedb.storage.util.Mutexes;
import dev.lodedb.storage.wal.LogFileKind;
import dev.lodedb.storage.wal.LogReader;
import dev.lodedb.storage.wal.LogWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LodeDB's log-structured merge-tree store: the pure-Java implementation of {@link KeyValueStore}.
 * The design is LevelDB's ({@code db/db_impl.cc}) with RocksDB's refinements where they matter:
 * <ul>
 *   <li>writes go to a write-ahead log ({@code wal} package) and a {@link MemTable}; concurrent
 *       writers queue and the one at the head commits the whole queue as one log record and, if
 *       any of them asked, one fsync (group commit);</li>
 *   <li>a full memtable becomes immutable and a background thread flushes it to a level-0
 *       SSTable while writes continue into a fresh memtable and log;</li>
 *   <li>a background thread runs leveled compaction (level-0 file-count trigger, size ratio between
 *       levels), dropping versions no snapshot can see; writes slow down, then stop, when level 0
 *       piles up;</li>
 *   <li>the file set is a {@link Version} recorded in the manifest by {@link VersionSet};</li>
 *   <li>reads pin a {@link SuperVersion} and consult memtables, then level 0 newest first, then one
 *       file per deeper level, using each table's bloom filter and the shared block cache.</li>
 * </ul>
 *
 * <p>Thread-safe. Opening takes an OS lock on {@code LOCK} in the directory, so one process (and
 * one open store per JVM) owns a directory at a time.
 */
public final class LsmStore implements KeyValueStore {
    private static final Logger LOG = LoggerFactory.getLogger(LsmStore.class);
    private static final long MAX_GROUP_BYTES = 1 << 20;

    private final Path dir;
    private final LsmOptions options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final VersionSet versions;
    private final BlockCache blockCache;
    private final TableStatistics tableStats = new TableStatistics();
    private final TableCache tableCache;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition backgroundDone = mutex.newCondition();
    private final WriteThread writeThread = new WriteThread(mutex);
    private final SnapshotList snapshots = new SnapshotList();
    private final Set<Long> pendingOutputs = ConcurrentHashMap.newKeySet();
    private final Set<DbIterator> openIterators = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> pinnedLogs = new java.util.HashMap<>(); // logs a checkpoint is copying; mutex
    private final ExecutorService flushExecutor;
    private final ExecutorService compactionExecutor;
    /**
     * Inserts a large synced write into the memtable while its leader fsyncs the log
     * ({@link #syncWhileApplying}), or fsyncs the log for a large deferred-sync write while its
     * leader inserts it ({@link #startSync}); created on first use.
     */
    private volatile ExecutorService memtableExecutor;
    /**
     * Operations from which a synced write group of one batch overlaps its log fsync with its
     * memtable insert: below this the hand-over to another thread costs more than the insert.
     */
    static final int OVERLAP_SYNC_MIN_OPS = 64;

    /**
     * Operations from which the members of a commit group insert their own batches into the
     * memtable in parallel ({@link WriteThread#applyInParallel}); a smaller group is inserted by its
     * leader alone, because waking the members to insert a few entries each costs more than the
     * inserts (on two cores, eight SQL clients committing single-row inserts made 146,000
     * commits/s with parallel inserts and 251,000 without; single-row updates 76,000 and 103,000).
     */
    static final int PARALLEL_APPLY_MIN_OPS = 256;

    private MemTable mem;
    private final List<MemTable> imms = new ArrayList<>(); // newest first
    private volatile SuperVersion superVersion;
    /** The current write-ahead log; replaced under the mutex and {@link #syncLock} together. */
    private LogWriter log;
    /** The last sequence number whose log record has been handed to the current log's file (set by write leaders). */
    private volatile long flushedSequence;
    /** The last sequence number known to be in an fsynced log (only grows). */
    private final java.util.concurrent.atomic.AtomicLong durableSequence = new java.util.concurrent.atomic.AtomicLong();
    /** The first sequence number written to the current log (set when logs switch, under {@link #syncLock}). */
    private long currentLogFirstSequence;
    /** Serializes {@link #awaitDurable} fsyncs, and keeps the log from being switched or closed during one. */
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Guards {@link #syncInProgress}; waiters of {@link #awaitDurable} wait on it while another thread fsyncs. */
    private final Object durableMonitor = new Object();
    /** Whether a thread is fsyncing in {@link #awaitDurable} (guarded by {@link #durableMonitor}). */
    private boolean syncInProgress;
    /** Set once a write deferred its fsync ({@link #writeDeferringSync}): leaders then preallocate, switches sync. */
    private volatile boolean deferredSyncs;
    private volatile boolean closed;
    private boolean unloggedWrites; // a disableWal write is in a memtable; close() flushes it; mutex
    private volatile boolean shuttingDown;
    private volatile RuntimeException backgroundError;
    private boolean flushScheduled;
    private boolean compactionScheduled;

    private final StoreStatistics stats = new StoreStatistics();

    private LsmStore(Path dir, LsmOptions options, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.versions = new VersionSet(dir, options);
        this.blockCache = new BlockCache(options.blockCacheSize());
        this.tableCache = new TableCache(dir, options.maxOpenFiles(), blockCache, tableStats, options.mmapReads());
        this.flushExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "lode-flush " + dir.getFileName()));
        this.compactionExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "lode-compaction " + dir.getFileName()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Opens (or creates) the store in {@code dir}, replaying its write-ahead logs.
     *
     * @param dir the store directory
     * @param options tuning; copied, so later changes to it have no effect
     * @return the open store
     * @throws StoreException if the directory is locked by another process or store, missing
     *     without {@code createIfMissing}, present with {@code errorIfExists}, or unreadable
     * @throws CorruptionException if a file fails verification in a way recovery may not drop
     *     (see {@code docs/storage/recovery.md}); the message names the file and offset
     */
    public static LsmStore open(Path dir, LsmOptions options) {
        LsmOptions opts = options.copy();
        dir = dir.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            if (!opts.createIfMissing()) {
                throw new StoreException("store " + dir + " does not exist (createIfMissing is off)");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("cannot create store directory " + dir + ": " + e.getMessage(), e);
            }
        }
        Path lockPath = dir.resolve(FileNames.LOCK);
        FileChannel ch;
        FileLock lk;
        try {
            ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open lock file " + lockPath + ": " + e.getMessage(), e);
        }
        try {
            lk = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lk = null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreException("cannot lock " + lockPath + ": " + e.getMessage(), e);
        }
        if (lk == null) {
            closeQuietly(ch);
            throw new StoreException("store " + dir + " is already open in another process or by another store in this JVM"
                    + " (lock held on " + lockPath + ")");
        }
        LsmStore store = new LsmStore(dir, opts, ch, lk);
        try {
            store.recover();
        } catch (RuntimeException e) {
            store.abortOpen();
            throw e;
        }
        return store;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to add
        }
    }

    private void abortOpen() {
        closed = true;
        shuttingDown = true;
        flushExecutor.shutdownNow();
        compactionExecutor.shutdownNow();
        shutdownMemtableExecutor();
        if (log != null) {
            closeQuietly(log::close);
        }
        versions.close();
        tableCache.close();
        closeQuietly(lock::release);
        closeQuietly(lockChannel);
    }

    // ------------------------------------------------------------------ recovery

    private void recover() {
        mutex.lock();
        try {
            if (versions.exists()) {
                if (options.errorIfExists()) {
                    throw new StoreException("store " + dir + " already exists (errorIfExists is on)");
                }
                versions.recover();
                stats.recoveryDroppedBytes.addAndGet(versions.recoveryDroppedBytes());
            } else {
                for (Path p : versions.listDirectory()) {
                    FileNames.Kind k = FileNames.parse(p.getFileName().toString()).kind();
                    if (k == FileNames.Kind.TABLE || k == FileNames.Kind.MANIFEST) {
                        throw new StoreException("store " + dir + " has data files but no CURRENT file; refusing to"
                                + " overwrite it (restore CURRENT or move the files away)");
                    }
                }
            }
            versions.writeNewManifest();
            List<Long> logNumbers = new ArrayList<>();
            for (Path p : versions.listDirectory()) {
                FileNames.Parsed parsed = FileNames.parse(p.getFileName().toString());
                if (parsed.kind() == FileNames.Kind.LOG || parsed.kind() == FileNames.Kind.TABLE) {
                    versions.markFileNumberUsed(parsed.number());
                }
                if (parsed.kind() == FileNames.Kind.LOG && parsed.number() >= versions.logNumber()) {
                    logNumbers.add(parsed.number());
                }
            }
            logNumbers.sort(null);
            VersionEdit edit = new VersionEdit();
            long maxSequence = versions.lastSequence();
            for (long n : logNumbers) {
                maxSequence = Math.max(maxSequence, replayLog(n, edit));
            }
            versions.setLastSequence(maxSequence);
            long logNumber = versions.newFileNumber();
            log = LogWriter.create(FileNames.log(dir, logNumber), LogFileKind.WAL);
            FileNames.syncDirectory(dir);
            mem = new MemTable(logNumber);
            edit.setLogNumber(logNumber);
            versions.logAndApply(edit);
            pendingOutputs.clear();
            installSuperVersion();
            deleteObsoleteFiles();
            maybeScheduleCompaction();
        } finally {
            mutex.unlock();
        }
    }

    /** Replays one log into memtables, writing level-0 tables into {@code edit}; returns the last sequence seen. */
    private long replayLog(long number, VersionEdit edit) {
        Path path = FileNames.log(dir, number);
        long maxSeq = 0;
        MemTable table = new MemTable(number);
        LogReader.Reporter reporter = new LogReader.Reporter() {
            @Override
            public void corruption(Path file, long offset, long bytes, String reason) {
                if (!options.salvage()) {
                    throw new CorruptionException(file, offset, reason + " (" + bytes + " bytes; open with salvage"
                            + " to skip damaged log records)");
                }
                LOG.warn("salvage: skipped {} damaged bytes of {} at offset {}: {}", bytes, file, offset, reason);
                stats.recoveryDroppedBytes.addAndGet(bytes);
                stats.recoveryCorruptRecords.incrementAndGet();
            }

            @Override
            public void tornTail(Path file, long offset, long bytes, String reason) {
                LOG.warn("dropped torn record at the end of {} (offset {}, {} bytes): {}", file, offset, bytes, reason);
                stats.recoveryDroppedBytes.addAndGet(bytes);
            }
        };
        try (LogReader reader = LogReader.open(path, LogFileKind.WAL, reporter)) {
            byte[] record;
            while ((record = reader.readRecord()) != null) {
                WriteBatch batch;
                try {
                    batch = WriteBatch.fromEncoded(record);
                    long seq = batch.sequence();
                    table.apply(batch, seq);
                    maxSeq = Math.max(maxSeq, seq + batch.count() - 1);
                } catch (CorruptionException e) {
                    if (!options.salvage()) {
                        throw new CorruptionException(path, reader.lastRecordOffset(), "undecodable write batch: " + e.getMessage());
                    }
                    stats.recoveryCorruptRecords.incrementAndGet();
                    continue;
                }
                if (table.approximateBytes() >= options.writeBufferSize()) {
                    FileMetaData f = writeLevel0Table(table);
                    if (f != null) {
                        edit.addFile(0, f);
                    }
                    table = new MemTable(number);
                }
            }
        }
        if (!table.isEmpty()) {
            FileMetaData f = writeLevel0Table(table);
            if (f != null) {
                edit.addFile(0, f);
            }
        }
        return maxSeq;
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void write(WriteOptions wo, WriteBatch batch) {
        writeReturningSequence(wo, batch, false);
    }

    /**
     * Writes through the log without waiting for its fsync; see {@link KeyValueStore#writeDeferringSync}.
     * The write joins the commit group of the moment like any other (a synced member's fsync covers
     * it). Its log record is handed to the file before the write is visible, so
     * {@link #awaitDurable} can fsync it from another thread while later groups go on appending.
     */
    @Override
    public long writeDeferringSync(WriteBatch batch) {
        deferredSyncs = true;
        return writeReturningSequence(WriteOptions.DEFAULT, batch, true);
    }

    /**
     * Returns once every write up to {@code sequence} is in an fsynced log: at once if a commit
     * group's or another caller's fsync covered it already, otherwise after one fsync of the current
     * log, which covers every record handed to the file so far: callers that arrive during an fsync
     * wait for it to end and are all woken together, and the first of them whose write it did not
     * cover fsyncs for the rest (group commit outside the writer queue, which goes on appending
     * meanwhile). A write that
     * sits in a log switched away from without a sync (possible only for writes that did not defer
     * through {@link #writeDeferringSync}) is made durable by {@link #syncWal()}.
     *
     * @throws StoreException if the fsync fails (the store then stops accepting writes)
     */
    @Override
    public void awaitDurable(long sequence) {
        if (durableSequence.get() >= sequence) {
            return;
        }
        checkOpen();
        boolean interrupted = false;
        try {
            for (;;) {
                synchronized (durableMonitor) {
                    while (syncInProgress && durableSequence.get() < sequence) {
                        try {
                            durableMonitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // a commit's fsync is not abandoned halfway
                        }
                    }
                    if (durableSequence.get() >= sequence) {
                        return;
                    }
                    syncInProgress = true;
                }
                boolean olderLog = false;
                try {
                    olderLog = !syncCurrentLog(sequence);
                } finally {
                    synchronized (durableMonitor) {
                        syncInProgress = false;
                        durableMonitor.notifyAll(); // every waiter the fsync covered returns at once
                    }
                }
                if (olderLog) {
                    syncWal();
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Fsyncs the current log, which holds {@code sequence}, unless it does not.
     *
     * @return false when {@code sequence} is not in the current log (nothing was done)
     */
    private boolean syncCurrentLog(long sequence) {
        syncLock.lock();
        try {
            long upTo = flushedSequence;
            if (sequence < currentLogFirstSequence || sequence > upTo) {
                return false;
            }
            try {
                log.forceWritten();
            } catch (RuntimeException e) {
                if (backgroundError == null) {
                    backgroundError = new StoreException("store " + dir + " stopped accepting writes after a "
                            + "failed log fsync: " + e.getMessage(), e);
                }
                throw e;
            }
            stats.walSyncs.increment();
            durableSequence.accumulateAndGet(upTo, Math::max);
            return true;
        } finally {
            syncLock.unlock();
        }
    }

    private long writeReturningSequence(WriteOptions wo, WriteBatch batch, boolean deferredSync) {
        checkOpen();
        if (batch.count() == 0) {
            return versions.lastSequence();
        }
        if (wo.sync() && wo.disableWal()) {
            throw new IllegalArgumentException("a write cannot be synced without the write-ahead log");
        }
        WriteThread.Writer w = new WriteThread.Writer(batch, wo.sync(), wo.disableWal(), deferredSync);
        if (!writeThread.enqueue(w)) {
            writeThread.awaitTurn(w);
        }
        if (!w.done) {
            Mutexes.lock(mutex);
            try {
                lead(w);
            } finally {
                mutex.unlock();
            }
        }
        if (w.error != null) {
            throw w.error;
        }
        return w.lastSequence;
    }

    /** Commits the group led by {@code leader} (at the head of the queue; mutex held on entry and exit). */
    private void lead(WriteThread.Writer leader) {
        List<WriteThread.Writer> group = new ArrayList<>();
        RuntimeException error = null;
        try {
            makeRoomForWrite(false);
            group = writeThread.formGroup(leader, MAX_GROUP_BYTES);
            long size = 0;
            boolean sync = false;
            boolean deferredSync = false;
            boolean wal = !leader.disableWal;
            for (WriteThread.Writer w : group) {
                size += w.batch.approximateSize();
                sync |= w.sync;
                deferredSync |= w.deferredSync;
            }
            WriteBatch combined = group.get(0).batch;
            if (group.size() > 1) {
                combined = new WriteBatch();
                for (WriteThread.Writer w : group) {
                    combined.append(w.batch);
                }
            }
            long first = versions.lastSequence() + 1;
            combined.setSequence(first);
            MemTable target = mem;
            LogWriter logWriter = log;
            mutex.unlock();
            try {
                // Only this group runs here: new writers queue behind it, none can lead before it pops.
                boolean applied = false;
                if (wal) {
                    combined.encodeTo(logWriter::addRecord); // no copy of the batch first
                    logWriter.flush();
                    if (deferredSyncs && !sync) {
                        logWriter.preallocateIfNeeded(); // so that awaitDurable's fsyncs keep the size
                    }
                    flushedSequence = first + combined.count() - 1;
                    stats.walBytesWritten.add(combined.approximateSize());
                    if (deferredSync && !sync && combined.count() >= OVERLAP_SYNC_MIN_OPS) {
                        startSync(flushedSequence);
                    }
                    if (sync && group.size() == 1 && combined.count() >= OVERLAP_SYNC_MIN_OPS) {
                        syncWhileApplying(logWriter, target, combined, first);
                        applied = true;
                    } else if (sync) {
                        logWriter.sync();
                    }
                }
                if (applied) {
                    // inserted while the log was synced
                } else if (group.size() == 1 || combined.count() < PARALLEL_APPLY_MIN_OPS) {
                    target.apply(combined, first);
                } else {
                    WriteThread.applyInParallel(group, leader, first, target);
                }
                if (sync && wal) {
                    stats.walSyncs.increment();
                    durableSequence.accumulateAndGet(first + combined.count() - 1, Math::max);
                }
            } finally {
                Mutexes.lock(mutex);
            }
            versions.setLastSequence(first + combined.count() - 1);
            long end = first - 1;
            for (WriteThread.Writer w : group) {
                end += w.batch.count();
                w.lastSequence = end;
            }
            if (!wal) {
                unloggedWrites = true;
            }
            stats.userBytesWritten.add(size - (long) WriteBatch.HEADER_SIZE * group.size());
            stats.writeGroups.increment();
            stats.writeBatches.add(group.size());
        } catch (RuntimeException e) {
            error = e instanceof StoreException ? e : new StoreException("write to " + dir + " failed: " + e.getMessage(), e);
            if (backgroundError == null && !(e instanceof WriteStallAbort)) {
                backgroundError = new StoreException("store " + dir + " stopped accepting writes after a failed log write: "
                        + e.getMessage(), e);
            }
            if (group.isEmpty()) {
                group.add(leader);
            }
        }
        writeThread.finish(group, leader, error);
    }

    /**
     * Fsyncs {@code log} while another thread inserts {@code batch} into {@code target}; if that
     * thread has not started by the time the fsync returns, this one inserts the batch itself, so
     * a busy machine costs at most what doing both in turn costs. The entries stay invisible until
     * the caller publishes their sequence numbers; if the fsync fails they are taken out again, so
     * that nothing that was not made durable can reach a table file (the store then stops
     * accepting writes, as after any failed log write).
     *
     * @throws StoreException when the fsync fails, or the memtable insert
     */
    private void syncWhileApplying(LogWriter log, MemTable target, WriteBatch batch, long first) {
        MemtableInsert insert = new MemtableInsert(target, batch, first, Thread.currentThread());
        try {
            memtableExecutor().execute(insert);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the store is closing: runOrAwait below inserts the batch on this thread
        }
        RuntimeException syncError = null;
        try {
            log.sync();
        } catch (RuntimeException e) {
            syncError = e;
        }
        insert.runOrAwait();
        if (syncError != null) {
            target.unapply(batch, first);
            throw syncError;
        }
        if (insert.failure != null) {
            throw insert.failure instanceof RuntimeException re ? re
                    : new StoreException("memtable insert failed: " + insert.failure, insert.failure);
        }
    }

    /**
     * Starts {@link #awaitDurable}({@code sequence}) on the helper thread, for a large write whose
     * caller will wait for its fsync after the leader has inserted it into the memtable: the fsync
     * then runs while the leader inserts, as in {@link #syncWhileApplying}, and the caller's own
     * {@code awaitDurable} joins it. A failure is left for that caller's call to report.
     */
    private void startSync(long sequence) {
        try {
            memtableExecutor().execute(() -> {
                try {
                    awaitDurable(sequence);
                } catch (RuntimeException e) {
                    LOG.debug("early fsync of {} failed; the committing caller's awaitDurable reports it", dir, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the store is closing: the caller's awaitDurable fsyncs or reports the close
        }
    }

    /** One memtable insert, run by whichever of the helper and the leader claims it first. */
    private static final class MemtableInsert implements Runnable {
        private static final int NEW = 0;
        private static final int CLAIMED = 1;
        private static final int DONE = 2;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        private final MemTable target;
        private final WriteBatch batch;
        private final long first;
        private final Thread leader;
        /** What the insert threw (read after {@link #DONE}). */
        Throwable failure;

        MemtableInsert(MemTable target, WriteBatch batch, long first, Thread leader) {
            this.target = target;
            this.batch = batch;
            this.first = first;
            this.leader = leader;
        }

        @Override
        public void run() {
            if (state.compareAndSet(NEW, CLAIMED)) {
                apply();
                LockSupport.unpark(leader);
            }
        }

        /** Runs the insert here unless the helper claimed it, then waits until it is done. */
        void runOrAwait() {
            if (state.compareAndSet(NEW, CLAIMED)) {
                apply();
                return;
            }
            while (state.get() != DONE) {
                LockSupport.park(this);
            }
        }

        private void apply() {
            try {
                target.apply(batch, first);
            } catch (Throwable t) {
                failure = t;
            } finally {
                state.set(DONE);
            }
        }
    }

    private ExecutorService memtableExecutor() {
        ExecutorService e = memtableExecutor;
        if (e == null) {
            synchronized (this) {
                e = memtableExecutor;
                if (e == null) {
                    e = Executors.newSingleThreadExecutor(r -> daemon(r, "lode-memtable " + dir.getFileName()));
                    memtableExecutor = e;
                }
            }
        }
        return e;
    }

    private void shutdownMemtableExecutor() {
        ExecutorService e = memtableExecutor;
        if (e != null) {
            e.shutdown();
        }
    }

    /** Thrown out of a stalled write when the store shuts down. */
    private static final class WriteStallAbort extends StoreException {
        private static final long serialVersionUID = 1L;

        WriteStallAbort(String m) {
            super(m);
        }
    }

    /**
     * Runs {@code action} while no write is in flight, by taking a turn at the head of the writer
     * queue; the action runs with the mutex held.
     */
    private void runExclusive(Runnable action) {
        WriteThread.Writer w = new WriteThread.Writer(null, false, false);
        if (!writeThread.enqueue(w)) {
            writeThread.awaitTurn(w);
        }
        mutex.lock();
        try {
            action.run();
        } finally {
            writeThread.popHead();
            mutex.unlock();
        }
    }

    /**
     * Makes sure the memtable has room, switching to a new one (and log) when full, and applies
     * the level-0 slowdown and stop thresholds (LevelDB's {@code MakeRoomForWrite}). Mutex held.
     */
    private void makeRoomForWrite(boolean force) {
        boolean allowDelay = !force;
        for (;;) {
            if (backgroundError != null) {
                throw backgroundError;
            }
            if (shuttingDown) {
                throw new WriteStallAbort("store " + dir + " is closing");
            }
            int l0 = versions.current().files(0).size();
            if (allowDelay && l0 >= options.level0SlowdownTrigger()) {
                long t0 = System.nanoTime();
                mutex.unlock();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    mutex.lock();
                }
                stats.stallMicros.addAndGet((System.nanoTime() - t0) / 1000);
                stats.slowdowns.incrementAndGet();
                allowDelay = false;
            } else if (!force && mem.approximateBytes() < options.writeBufferSize()) {
                return;
            } else if (force && mem.isEmpty()) {
                return;
            } else if (imms.size() >= options.maxImmutableMemtables()) {
                long t0 = System.nanoTime();
                scheduleFlush();
                backgroundDone.awaitUninterruptibly();
                stats.stallMicros.addAndGet((System.nanoTime() - t0) / 1000);
                stats.stops.incrementAndGet();
            } else if (l0 >= options.level0StopTrigger()) {
                long t0 = System.nanoTime();
                maybeScheduleCompaction();
                backgroundDone.awaitUninterruptibly();
                stats.stallMicros.addAndGet((System.nanoTime() - t0) / 1000);
                stats.stops.incrementAndGet();
            } else {
                switchMemTable();
                force = false;
            }
        }
    }

    private void switchMemTable() {
        long number = versions.newFileNumber();
        LogWriter newLog = LogWriter.create(FileNames.log(dir, number), LogFileKind.WAL);
        FileNames.syncDirectory(dir);
        LogWriter old = log;
        syncLock.lock();
        try {
            if (deferredSyncs && durableSequence.get() < flushedSequence) {
                old.sync(); // writes waiting in awaitDurable are in this log
                durableSequence.accumulateAndGet(flushedSequence, Math::max);
            }
            log = newLog;
            currentLogFirstSequence = versions.lastSequence() + 1;
            old.close();
        } finally {
            syncLock.unlock();
        }
        imms.add(0, mem);
        mem = new MemTable(number);
        installSuperVersion();
        scheduleFlush();
    }

    // ------------------------------------------------------------------ reads

    private SuperVersion acquireSuperVersion() {
        for (;;) {
            SuperVersion sv = superVersion;
            if (sv.tryRetain()) {
                return sv;
            }
        }
    }

    private void releaseSuperVersion(SuperVersion sv) {
        if (sv.release()) {
            mutex.lock();
            try {
                sv.version.unref();
            } finally {
                mutex.unlock();
            }
        }
    }

    /** Publishes the current memtables and version for readers. Mutex held. */
    private void installSuperVersion() {
        Version v = versions.current();
        v.ref();
        SuperVersion old = superVersion;
        superVersion = new SuperVersion(mem, List.copyOf(imms), v);
        if (old != null) {
            releaseSuperVersion(old);
        }
    }

    private long readSequence(ReadOptions ro) {
        if (ro.snapshot() != null) {
            if (!(ro.snapshot() instanceof LsmSnapshot s) || s.store != this) {
                throw new IllegalArgumentException("snapshot belongs to another store");
            }
            if (s.released) {
                throw new IllegalStateException("snapshot was released");
            }
            return s.sequence;
        }
        return versions.lastSequence();
    }

    @Override
    public byte[] get(ReadOptions ro, byte[] key) {
        checkOpen();
        long snap = readSequence(ro);
        SuperVersion sv = acquireSuperVersion();
        try {
            byte[] lookup = InternalKey.encode(key, snap, InternalKey.TYPE_FOR_SEEK);
            long maxTombstone = 0;
            maxTombstone = Math.max(maxTombstone, coveringSequence(sv.mem.rangeTombstones(), key, snap));
            Map.Entry<byte[], byte[]> e = sv.mem.get(lookup);
            if (e != null) {
                byte[] v = resolve(e.getKey(), e.getValue(), maxTombstone);
                return v == null ? null : v.clone();
            }
            for (MemTable imm : sv.imms) {
                maxTombstone = Math.max(maxTombstone, coveringSequence(imm.rangeTombstones(), key, snap));
                e = imm.get(lookup);
                if (e != null) {
                    byte[] v = resolve(e.getKey(), e.getValue(), maxTombstone);
                    return v == null ? null : v.clone();
                }
            }
            Version v = sv.version;
            long[] tombstone = {maxTombstone};
            // Level 0: every file whose range holds the key, newest first.
            for (FileMetaData f : v.files(0)) {
                if (InternalKey.compareUserKey(f.smallest(), key) <= 0 && InternalKey.compareUserKey(f.largest(), key) >= 0) {
                    Table.Entry entry = getFromTable(f, key, lookup, snap, ro.fillCache(), tombstone);
                    if (entry != null) {
                        return resolve(entry.key(), entry.value(), tombstone[0]);
                    }
                }
            }
            // Deeper levels: at most one file each. The lookup key sorts after a file whose range
            // ends in the range-tombstone sentinel (key, MAX_SEQUENCE), which does not hold the key.
            for (int level = 1; level < v.numLevels(); level++) {
                List<FileMetaData> files = v.files(level);
                if (files.isEmpty()) {
                    continue;
                }
                int i = Version.findFile(files, lookup);
                if (i < files.size() && InternalKey.compareUserKey(files.get(i).smallest(), key) <= 0) {
                    Table.Entry entry = getFromTable(files.get(i), key, lookup, snap, ro.fillCache(), tombstone);
                    if (entry != null) {
                        return resolve(entry.key(), entry.value(), tombstone[0]);
                    }
                }
            }
            return null;
        } finally {
            releaseSuperVersion(sv);
        }
    }

    /** Looks {@code key} up in one table, folding its covering range tombstones into {@code tombstone[0]}. */
    private Table.Entry getFromTable(FileMetaData f, byte[] key, byte[] lookup, long snap, boolean fillCache, long[] tombstone) {
        TableCache.Handle h = tableCache.acquire(f.number());
        try {
            Table t = h.table;
            if (f.numRangeDeletions() > 0) {
                tombstone[0] = Math.max(tombstone[0], coveringSequence(t.rangeTombstones(), key, snap));
            }
            return t.get(lookup, fillCache);
        } finally {
            h.release();
        }
    }

    private static byte[] resolve(byte[] ikey, byte[] value, long maxTombstone) {
        long trailer = InternalKey.trailer(ikey);
        if (maxTombstone > (trailer >>> 8)) {
            return null;
        }
        return (trailer & 0xff) == InternalKey.TYPE_VALUE ? value : null;
    }

    private static long coveringSequence(Collection<RangeTombstone> ts, byte[] key, long snap) {
        long max = 0;
        for (RangeTombstone t : ts) {
            if (t.sequence() <= snap && t.sequence() > max
                    && java.util.Arrays.compareUnsigned(t.start(), key) <= 0
                    && java.util.Arrays.compareUnsigned(key, t.end()) < 0) {
                max = t.sequence();
            }
        }
        return max;
    }

    @Override
    public StoreIterator newIterator(ReadOptions ro) {
        checkOpen();
        long snap = readSequence(ro);
        SuperVersion sv = acquireSuperVersion();
        List<InternalIterator> children = new ArrayList<>();
        try {
            List<Collection<RangeTombstone>> tombstones = new ArrayList<>();
            children.add(sv.mem.iterator());
            long memTombstones = sv.mem.rangeTombstoneVersion(); // before the list: see fragmentedTombstones
            tombstones.add(List.copyOf(sv.mem.rangeTombstones()));
            for (MemTable imm : sv.imms) {
                children.add(imm.iterator());
                tombstones.add(imm.rangeTombstones());
            }
            Version v = sv.version;
            for (FileMetaData f : v.files(0)) {
                TableCache.Handle h = tableCache.acquire(f.number());
                if (f.numRangeDeletions() > 0) {
                    tombstones.add(h.table.rangeTombstones());
                }
                children.add(new TableIterator(h, ro.fillCache()));
            }
            for (int level = 1; level < v.numLevels(); level++) {
                List<FileMetaData> files = v.files(level);
                if (files.isEmpty()) {
                    continue;
                }
                for (FileMetaData f : files) {
                    if (f.numRangeDeletions() > 0) {
                        TableCache.Handle h = tableCache.acquire(f.number());
                        try {
                            tombstones.add(h.table.rangeTombstones());
                        } finally {
                            h.release();
                        }
                    }
                }
                children.add(new LevelIterator(tableCache, files, ro.fillCache()));
            }
            FragmentedRangeTombstones frag = sv.fragmentedTombstones(tombstones, memTombstones, snap);
            DbIterator[] self = new DbIterator[1];
            DbIterator it = new DbIterator(new MergingIterator(children), snap, frag, ro.lowerBound(), ro.upperBound(), () -> {
                openIterators.remove(self[0]);
                releaseSuperVersion(sv);
            });
            self[0] = it;
            openIterators.add(it);
            return it;
        } catch (RuntimeException e) {
            for (InternalIterator c : children) {
                c.close();
            }
            releaseSuperVersion(sv);
            throw e;
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** A snapshot: a sequence number registered so that compaction keeps what it can see. */
    private static final class LsmSnapshot implements Snapshot {
        final LsmStore store;
        final long sequence;
        volatile boolean released;
        static final java.lang.invoke.VarHandle RELEASED;

        static {
            try {
                RELEASED = java.lang.invoke.MethodHandles.lookup().findVarHandle(LsmSnapshot.class, "released",
                        boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        LsmSnapshot(LsmStore store, long sequence) {
            this.store = store;
            this.sequence = sequence;
        }

        @Override
        public long sequence() {
            return sequence;
        }

        @Override
        public void close() {
            store.releaseSnapshot(this);
        }
    }

    @Override
    public Snapshot getSnapshot() {
        checkOpen();
        return new LsmSnapshot(this, snapshots.acquire(versions::lastSequence));
    }

    /** {@inheritDoc} */
    @Override
    public Snapshot retainSnapshot(Snapshot snapshot) {
        if (!(snapshot instanceof LsmSnapshot s) || s.store != this) {
            throw new IllegalArgumentException("snapshot belongs to another store");
        }
        checkOpen();
        snapshots.retain(s.sequence);
        if (s.released) {
            snapshots.release(s.sequence);
            throw new IllegalStateException("snapshot at sequence " + s.sequence + " has been released");
        }
        return new LsmSnapshot(this, s.sequence);
    }

    @Override
    public void releaseSnapshot(Snapshot snapshot) {
        if (!(snapshot instanceof LsmSnapshot s) || s.store != this) {
            throw new IllegalArgumentException("snapshot belongs to another store");
        }
        if (LsmSnapshot.RELEASED.compareAndSet(s, false, true)) {
            snapshots.release(s.sequence);
        }
    }

    private long smallestSnapshot() {
        return snapshots.smallest(versions::lastSequence);
    }

    // ------------------------------------------------------------------ flush

    private void scheduleFlush() {
        if (!flushScheduled && !imms.isEmpty() && !shuttingDown) {
            flushScheduled = true;
            flushExecutor.execute(this::backgroundFlush);
        }
    }

    private void backgroundFlush() {
        mutex.lock();
        try {
            while (!imms.isEmpty() && backgroundError == null && !shuttingDown) {
                MemTable imm = imms.get(imms.size() - 1);
                mutex.unlock();
                FileMetaData f;
                try {
                    f = writeLevel0Table(imm);
                } finally {
                    mutex.lock();
                }
                VersionEdit edit = new VersionEdit();
                if (f != null) {
                    edit.addFile(0, f);
                    stats.flushBytes.addAndGet(f.size());
                }
                long nextLog = imms.size() > 1 ? imms.get(imms.size() - 2).logNumber() : mem.logNumber();
                edit.setLogNumber(nextLog);
                versions.logAndApply(edit);
                if (f != null) {
                    pendingOutputs.remove(f.number());
                }
                imms.remove(imms.size() - 1);
                stats.flushCount.incrementAndGet();
                installSuperVersion();
                deleteObsoleteFiles();
                maybeScheduleCompaction();
                backgroundDone.signalAll();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("flush of {} failed", dir, e);
            if (backgroundError == null) {
                backgroundError = new StoreException("background flush of " + dir + " failed: " + e.getMessage(), e);
            }
        } finally {
            flushScheduled = false;
            backgroundDone.signalAll();
            mutex.unlock();
        }
    }

    /** Writes a memtable to a new level-0 table; returns its metadata, or null if it held nothing. */
    private FileMetaData writeLevel0Table(MemTable table) {
        long number = versions.newFileNumber();
        pendingOutputs.add(number);
        TableFileWriter out = new TableFileWriter(dir, number, tableOptions(options, 0));
        try {
            InternalIterator it = table.iterator();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(it.key(), it.value());
            }
            out.addRangeTombstones(table.rangeTombstones());
        } catch (RuntimeException e) {
            out.abandon();
            pendingOutputs.remove(number);
            throw e;
        }
        FileMetaData f = out.finish();
        if (f == null) {
            pendingOutputs.remove(number);
        }
        return f;
    }

    static TableOptions tableOptions(LsmOptions o, int level) {
        return new TableOptions(o.blockSize(), o.blockRestartInterval(), o.bloomBitsPerKey(), o.compressionForLevel(level));
    }

    @Override
    public void flush() {
        checkOpen();
        runExclusive(() -> makeRoomForWrite(true));
        mutex.lock();
        try {
            while (!imms.isEmpty() && backgroundError == null && !shuttingDown) {
                scheduleFlush();
                backgroundDone.awaitUninterruptibly();
            }
            if (backgroundError != null) {
                throw backgroundError;
            }
            if (imms.isEmpty() && mem.isEmpty()) {
                unloggedWrites = false;
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Syncs the current log and the logs of the memtables still waiting to be flushed (closed when
     * their memtable was switched, without a sync); a log whose memtable is flushed meanwhile was
     * deleted and is durable in its table file. Writes made without the log are flushed instead.
     */
    @Override
    public void syncWal() {
        checkOpen();
        boolean[] unlogged = new boolean[1];
        List<Long> older = new ArrayList<>();
        runExclusive(() -> {
            if (backgroundError != null) {
                throw backgroundError;
            }
            unlogged[0] = unloggedWrites;
            for (MemTable imm : imms) {
                older.add(imm.logNumber());
            }
            log.sync();
            stats.walSyncs.increment();
        });
        if (unlogged[0]) {
            flush();
            return;
        }
        for (long number : older) {
            Path p = FileNames.log(dir, number);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                ch.force(false);
                stats.walSyncs.increment();
            } catch (java.nio.file.NoSuchFileException e) {
                // flushed and deleted since: its writes are in a synced table file
            } catch (IOException e) {
                throw new StoreException("cannot fsync log file " + p + ": " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------ compaction

    private void maybeScheduleCompaction() {
        if (compactionScheduled || shuttingDown || backgroundError != null) {
            return;
        }
        if (versions.current().compactionScore >= 1) {
            compactionScheduled = true;
            compactionExecutor.execute(this::backgroundCompaction);
        }
    }

    private void backgroundCompaction() {
        try {
            for (;;) {
                Compaction c;
                mutex.lock();
                try {
                    if (shuttingDown || backgroundError != null) {
                        return;
                    }
                    Version v = versions.current();
                    c = Compaction.pick(versions, v);
                    if (c == null) {
                        return;
                    }
                    v.ref();
                } finally {
                    mutex.unlock();
                }
                runPinnedCompaction(c);
            }
        } catch (RuntimeException | Error e) {
            // an Error (OutOfMemoryError) stops compactions as an exception does: retrying it in a
            // loop would only fail again, and writers get the error instead of stalling forever
            LOG.error("compaction of {} failed", dir, e);
            mutex.lock();
            try {
                if (backgroundError == null) {
                    backgroundError = new StoreException("background compaction of " + dir + " failed: " + e.getMessage(), e);
                }
            } finally {
                mutex.unlock();
            }
        } finally {
            mutex.lock();
            try {
                compactionScheduled = false;
                backgroundDone.signalAll();
                maybeScheduleCompaction();
            } finally {
                mutex.unlock();
            }
        }
    }

    /** Runs {@code c}, whose version the caller pinned under the mutex, and then unpins it. */
    private void runPinnedCompaction(Compaction c) {
        try {
            runCompaction(c);
        } finally {
            mutex.lock();
            try {
                c.version.unref();
            } finally {
                mutex.unlock();
            }
        }
    }

    /** Runs one compaction (caller pinned {@code c.version}); applies it under the mutex. */
    private void runCompaction(Compaction c) {
        if (c.isTrivialMove()) {
            FileMetaData f = c.inputs.get(0);
            mutex.lock();
            try {
                VersionEdit edit = new VersionEdit().deleteFile(c.level, f.number()).addFile(c.outputLevel(), f);
                edit.setCompactPointer(c.level, f.largest());
                versions.logAndApply(edit);
                stats.trivialMoves.incrementAndGet();
                installSuperVersion();
                backgroundDone.signalAll();
            } finally {
                mutex.unlock();
            }
            return;
        }
        CompactionJob job = new CompactionJob(c, dir, tableCache, options, () -> {
            long n = versions.newFileNumber();
            pendingOutputs.add(n);
            return n;
        }, this::smallestSnapshot, () -> shuttingDown);
        boolean completed;
        try {
            completed = job.run();
        } catch (RuntimeException e) {
            pendingOutputs.removeAll(job.pendingNumbers);
            throw e;
        }
        mutex.lock();
        try {
            if (completed) {
                VersionEdit edit = new VersionEdit();
                for (FileMetaData f : c.inputs) {
                    edit.deleteFile(c.level, f.number());
                }
                for (FileMetaData f : c.nextLevelInputs) {
                    edit.deleteFile(c.outputLevel(), f.number());
                }
                for (FileMetaData f : job.outputs) {
                    edit.addFile(c.outputLevel(), f);
                }
                if (!c.inputs.isEmpty()) {
                    edit.setCompactPointer(c.level, Compaction.largestKey(c.inputs));
                }
                versions.logAndApply(edit);
                stats.compactionCount.incrementAndGet();
                stats.compactionBytesRead.addAndGet(job.bytesRead);
                stats.compactionBytesWritten.addAndGet(job.bytesWritten);
                installSuperVersion();
            }
            pendingOutputs.removeAll(job.pendingNumbers);
            deleteObsoleteFiles();
            backgroundDone.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void compactRange(byte[] begin, byte[] end) {
        checkOpen();
        flush();
        Future<?> f = compactionExecutorSubmit(() -> manualCompaction(begin, end));
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while compacting " + dir);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("compaction of " + dir + " failed: " + cause, cause);
        }
        if (backgroundError != null) {
            throw backgroundError;
        }
    }

    private Future<?> compactionExecutorSubmit(Runnable r) {
        try {
            return compactionExecutor.submit(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new StoreException("store " + dir + " is closed");
        }
    }

    private void manualCompaction(byte[] begin, byte[] end) {
        int maxLevelWithFiles;
        mutex.lock();
        try {
            Version v = versions.current();
            maxLevelWithFiles = 0;
            for (int l = 1; l < v.numLevels(); l++) {
                if (!v.overlappingInputs(l, begin, end).isEmpty()) {
                    maxLevelWithFiles = l;
                }
            }
        } finally {
            mutex.unlock();
        }
        int last = Math.max(1, maxLevelWithFiles);
        for (int level = 0; level < last && !shuttingDown; level++) {
            Compaction c;
            mutex.lock();
            try {
                Version v = versions.current();
                List<FileMetaData> inputs = v.overlappingInputs(level, begin, end);
                if (inputs.isEmpty()) {
                    continue;
                }
                c = Compaction.withNextLevel(v, level, inputs, true);
                v.ref();
            } finally {
                mutex.unlock();
            }
            runPinnedCompaction(c);
        }
    }

    /** Deletes files that no live version, memtable or in-flight job needs. Mutex held. */
    private void deleteObsoleteFiles() {
        if (backgroundError != null) {
            return; // keep everything for inspection after a failure
        }
        // List first: a file in the listing was created after its number entered pendingOutputs
        // (possibly on a thread without the mutex), so the live set computed next covers it.
        List<Path> files = versions.listDirectory();
        Set<Long> live = versions.liveFiles();
        live.addAll(pendingOutputs);
        long logNumber = versions.logNumber();
        for (Path p : files) {
            FileNames.Parsed f = FileNames.parse(p.getFileName().toString());
            boolean keep = switch (f.kind()) {
                case LOG -> f.number() >= logNumber || pinnedLogs.containsKey(f.number());
                case TABLE -> live.contains(f.number());
                case MANIFEST -> f.number() >= versions.manifestNumber();
                case TEMP -> pendingOutputs.contains(f.number());
                default -> true;
            };
            if (!keep) {
                if (f.kind() == FileNames.Kind.TABLE) {
                    tableCache.evict(f.number());
                }
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete obsolete file {}: {}", p, e.getMessage());
                }
            }
        }
    }

    // ------------------------------------------------------------------ checkpoint

    @Override
    public void checkpoint(Path target) {
        checkOpen();
        Path tgt = target.toAbsolutePath();
        if (Files.exists(tgt)) {
            throw new StoreException("checkpoint target " + tgt + " already exists");
        }
        Version[] pinned = new Version[1];
        List<long[]> logs = new ArrayList<>(); // {number, length}
        long[] counters = new long[3]; // logNumber, nextFileNumber, lastSequence
        runExclusive(() -> {
            log.flush();
            Version v = versions.current();
            v.ref();
            pinned[0] = v;
            for (int i = imms.size() - 1; i >= 0; i--) {
                long n = imms.get(i).logNumber();
                logs.add(new long[] {n, fileSize(FileNames.log(dir, n))});
            }
            logs.add(new long[] {mem.logNumber(), log.size()});
            for (long[] l : logs) {
                pinnedLogs.merge(l[0], 1, Integer::sum);
            }
            counters[0] = versions.logNumber();
            counters[1] = versions.nextFileNumber();
            counters[2] = versions.lastSequence();
        });
        try {
            Checkpointer.write(dir, tgt, pinned[0], logs, counters[0], counters[1], counters[2]);
        } finally {
            mutex.lock();
            try {
                pinned[0].unref();
                for (long[] l : logs) {
                    pinnedLogs.computeIfPresent(l[0], (k, n) -> n == 1 ? null : n - 1);
                }
            } finally {
                mutex.unlock();
            }
        }
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new StoreException("cannot stat " + p + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ properties and lifecycle

    @Override
    public Map<String, Long> properties() {
        checkOpen();
        Map<String, Long> p = new TreeMap<>();
        SuperVersion sv = acquireSuperVersion();
        try {
            Version v = sv.version;
            long sstBytes = 0;
            for (int level = 0; level < v.numLevels(); level++) {
                p.put("level." + level + ".files", (long) v.files(level).size());
                long b = v.levelBytes(level);
                p.put("level." + level + ".bytes", b);
                sstBytes += b;
            }
            p.put("sst.bytes", sstBytes);
            long memBytes = sv.mem.approximateBytes();
            for (MemTable m : sv.imms) {
                memBytes += m.approximateBytes();
            }
            p.put("memtable.bytes", memBytes);
            p.put("memtable.active-bytes", sv.mem.approximateBytes());
            p.put("memtable.immutable-count", (long) sv.imms.size());
            p.put("compaction.score-x100", (long) (v.compactionScore * 100));
        } finally {
            releaseSuperVersion(sv);
        }
        p.put("block-cache.hits", blockCache.hits());
        p.put("block-cache.misses", blockCache.misses());
        p.put("block-cache.usage-bytes", blockCache.usageBytes());
        p.put("block-cache.capacity-bytes", blockCache.capacityBytes());
        p.put("table-cache.open-files", tableCache.openFiles());
        p.put("bloom.checked", tableStats.bloomChecked());
        p.put("bloom.useful", tableStats.bloomUseful());
        p.put("bloom.false-positive", tableStats.bloomFalsePositive());
        p.put("block.reads", tableStats.blockReads());
        p.put("block.read-bytes", tableStats.blockReadBytes());
        stats.addTo(p);
        p.put("sequence.last", versions.lastSequence());
        mutex.lock();
        try {
            p.put("snapshots.count", snapshots.count());
            p.put("manifest.bytes", versions.manifestSize());
        } finally {
            mutex.unlock();
        }
        return p;
    }

    /** @return the store directory */
    public Path directory() {
        return dir;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store " + dir + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        boolean flushFirst;
        mutex.lock();
        try {
            flushFirst = unloggedWrites && backgroundError == null;
        } finally {
            mutex.unlock();
        }
        if (flushFirst) {
            // Writes made without the log exist only in memory: persist them, as RocksDB does at shutdown.
            try {
                flush();
            } catch (StoreException e) {
                LOG.error("could not flush unlogged writes of {} at close", dir, e);
            }
        }
        closed = true;
        for (DbIterator it : List.copyOf(openIterators)) {
            it.close();
        }
        mutex.lock();
        try {
            shuttingDown = true;
            backgroundDone.signalAll();
        } finally {
            mutex.unlock();
        }
        flushExecutor.shutdown();
        compactionExecutor.shutdown();
        try {
            flushExecutor.awaitTermination(1, TimeUnit.HOURS);
            compactionExecutor.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Take a turn at the head of the writer queue, so that no write group is using the log.
        runExclusive(() -> {
            if (log != null) {
                syncLock.lock();
                try {
                    log.sync();
                    durableSequence.accumulateAndGet(flushedSequence, Math::max);
                } finally {
                    try {
                        log.close();
                    } finally {
                        syncLock.unlock();
                    }
                }
            }
            versions.close();
        });
        shutdownMemtableExecutor();
        tableCache.close();
        closeQuietly(lock::release);
        closeQuietly(lockChannel);
    }
}
