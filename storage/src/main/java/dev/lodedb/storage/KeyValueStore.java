package dev.lodedb.storage;

import java.nio.file.Path;
import java.util.Map;

/**
 * An ordered, persistent map from byte-string keys to byte-string values, in unsigned
 * lexicographic key order: the storage SPI that every layer above builds on. Modelled on the
 * LevelDB/RocksDB {@code DB} interface.
 *
 * <p>Guarantees, for every implementation:
 * <ul>
 *   <li>{@link #write} applies a {@link WriteBatch} atomically: readers and crash recovery see all
 *       of it or none of it; writes are totally ordered by a sequence number;</li>
 *   <li>a read with a {@link Snapshot} sees exactly the writes ordered before the snapshot;</li>
 *   <li>a write acknowledged with {@link WriteOptions#sync()} survives power loss; an unsynced
 *       write survives a crash of the process (not of the machine);</li>
 *   <li>at most one process has a store directory open; opening it twice fails with a
 *       {@link StoreException} naming the directory.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: any number of threads may read and write concurrently.
 * After {@link #close()}, every method except {@code close} throws {@link StoreException}.
 */
public interface KeyValueStore extends AutoCloseable {

    /**
     * @return the value of {@code key} as of {@code options.snapshot()} (or now), or {@code null}
     *     if absent
     * @throws StoreException on I/O failure or a block that fails its checksum
     */
    byte[] get(ReadOptions options, byte[] key);

    /** @return {@link #get(ReadOptions, byte[])} with default options */
    default byte[] get(byte[] key) {
        return get(ReadOptions.DEFAULT, key);
    }

    /**
     * Opens an iterator over the live keys within the bounds of {@code options}. The iterator sees
     * the state as of {@code options.snapshot()}, or as of this call if no snapshot is given.
     * Close it when done.
     */
    StoreIterator newIterator(ReadOptions options);

    /** @return {@link #newIterator(ReadOptions)} with default options */
    default StoreIterator newIterator() {
        return newIterator(ReadOptions.DEFAULT);
    }

    /**
     * Applies {@code batch} atomically. Concurrent writers are grouped into one log write (and one
     * fsync when any of them asked for {@code sync}).
     *
     * @throws StoreException on I/O failure; the batch is then not applied, and the store refuses
     *     further writes (it must be reopened) because the log may hold a partial record
     */
    void write(WriteOptions options, WriteBatch batch);

    /**
     * Applies {@code batch} atomically through the write-ahead log and makes it visible, without
     * waiting for the fsync, and returns a ticket for {@link #awaitDurable(long)}: a commit that
     * releases its locks between the two ("early lock release": Johnson et al., "Aether: A Scalable
     * Approach to Logging", VLDB 2010; InnoDB commits this way) lets the next transaction on the same
     * rows run during its fsync, and writes that wait together share one fsync. Anything written
     * later by a writer that saw this write lands later in the log, so it is never durable without
     * this one. The default writes synced and returns 0 (nothing left to wait for).
     *
     * @return the ticket: the sequence number of the batch's last operation
     * @throws StoreException as {@link #write}
     */
    default long writeDeferringSync(WriteBatch batch) {
        write(WriteOptions.sync(true), batch);
        return 0;
    }

    /**
     * Blocks until the write whose ticket {@link #writeDeferringSync} returned is durable.
     * The default does nothing (its writes were synced already).
     *
     * @throws StoreException if the fsync fails
     */
    default void awaitDurable(long ticket) {
    }

    /** Puts one key with default write options. */
    default void put(byte[] key, byte[] value) {
        write(WriteOptions.DEFAULT, new WriteBatch().put(key, value));
    }

    /** Deletes one key with default write options. */
    default void delete(byte[] key) {
        write(WriteOptions.DEFAULT, new WriteBatch().delete(key));
    }

    /** Deletes {@code [start, end)} with default write options. */
    default void deleteRange(byte[] start, byte[] end) {
        write(WriteOptions.DEFAULT, new WriteBatch().deleteRange(start, end));
    }

    /** @return a snapshot of the current state; release it when done */
    Snapshot getSnapshot();

    /** Releases {@code snapshot} so compaction may drop what only it could see. Idempotent. */
    void releaseSnapshot(Snapshot snapshot);

    /**
     * Takes another reference to a live snapshot: a new snapshot of the same sequence, released
     * independently of {@code snapshot}. This lets many readers share a point in time that is no
     * longer the latest (LodeDB's SQL layer hands one to every reader while a large transaction
     * writes into the store before it commits). An optional operation.
     *
     * @return a new snapshot that sees exactly what {@code snapshot} sees
     * @throws IllegalArgumentException if {@code snapshot} belongs to another store
     * @throws IllegalStateException if {@code snapshot} has been released
     * @throws UnsupportedOperationException if the store cannot share snapshots
     */
    default Snapshot retainSnapshot(Snapshot snapshot) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot share snapshots");
    }

    /**
     * Writes a consistent, openable copy of the live store into the directory {@code target},
     * which must not exist. Immutable files are hard-linked when on the same file system (copied
     * otherwise), so a checkpoint is cheap. Writes may continue while it runs; the checkpoint holds
     * exactly the writes acknowledged before the call's internal cut point.
     *
     * @throws StoreException if {@code target} exists or on I/O failure
     */
    void checkpoint(Path target);

    /**
     * Compacts the key range {@code [begin, end]} (either {@code null} for unbounded) down to the
     * bottom level, removing deleted and overwritten versions no snapshot can see. Blocks until
     * done.
     */
    void compactRange(byte[] begin, byte[] end);

    /** Writes the memtable to a table file and blocks until done; the log can then be dropped. */
    void flush();

    /**
     * Makes every write acknowledged so far durable, including those written without
     * {@link WriteOptions#sync()}, and blocks until done. Cheaper than {@link #flush()} when the
     * writes are in the write-ahead log: that is then synced instead of writing table files (a
     * bulk load commits this way). The default flushes.
     */
    default void syncWal() {
        flush();
    }

    /**
     * @return a point-in-time reading of the store's counters and gauges, keyed by the names
     *     documented in {@code docs/storage/properties.md} (sizes in bytes, times in milliseconds)
     */
    Map<String, Long> properties();

    /**
     * Flushes what is pending in the background, waits for background work to stop, and releases
     * the directory lock. Idempotent. Unreleased iterators are invalidated.
     */
    @Override
    void close();
}
