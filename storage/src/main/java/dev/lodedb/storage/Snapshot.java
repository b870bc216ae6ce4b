package dev.lodedb.storage;

/**
 * A consistent point-in-time view of a store: a read through a snapshot sees exactly the writes
 * committed before {@link KeyValueStore#getSnapshot()} returned, and none after.
 *
 * <p>A snapshot pins old versions of keys against compaction, so release it (or close it) when
 * done. Thread-safe; may be shared by many readers. Releasing twice is harmless.
 */
public interface Snapshot extends AutoCloseable {
    /** @return the sequence number of the last write this snapshot sees */
    long sequence();

    /** Releases the snapshot; equivalent to {@link KeyValueStore#releaseSnapshot(Snapshot)}. */
    @Override
    void close();
}
