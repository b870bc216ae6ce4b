package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.Snapshot;

/**
 * A {@link Snapshot} of a {@link RocksDbStore}, wrapping a native {@code rocksdb::Snapshot}.
 *
 * <p>The native snapshot is reference-counted on the Java side: every read that uses it (a
 * {@code get} for its duration, an iterator until it is closed) pins it, and
 * {@link #close() releasing} it only marks it released; the native object is freed when the
 * last pin goes away. So releasing a snapshot while another thread still reads through it is
 * safe (that read completes; new reads through it fail with a {@code StoreException}).
 *
 * <p>Thread-safe. All state changes happen under this object's monitor.
 */
final class RocksDbSnapshot implements Snapshot {
    private final RocksDbStore owner;
    private final org.rocksdb.Snapshot nativeSnapshot;
    private final long sequence;
    private int pins;
    private boolean released;
    private boolean freed;

    RocksDbSnapshot(RocksDbStore owner, org.rocksdb.Snapshot nativeSnapshot) {
        this.owner = owner;
        this.nativeSnapshot = nativeSnapshot;
        this.sequence = nativeSnapshot.getSequenceNumber();
    }

    /** {@inheritDoc} */
    @Override
    public long sequence() {
        return sequence;
    }

    /** Releases the snapshot; the same as {@code store.releaseSnapshot(this)}. Idempotent. */
    @Override
    public void close() {
        owner.releaseSnapshot(this);
    }

    RocksDbStore owner() {
        return owner;
    }

    org.rocksdb.Snapshot nativeSnapshot() {
        return nativeSnapshot;
    }

    /**
     * Pins the snapshot for one read.
     *
     * @return {@code false} if it has already been released (the read must fail)
     */
    synchronized boolean pin() {
        if (released) {
            return false;
        }
        pins++;
        return true;
    }

    /**
     * Drops one pin; frees the native snapshot when it was the last one of a released snapshot.
     * The caller must be inside the store's lifecycle read lock (the database is open).
     */
    synchronized void unpin() {
        pins--;
        freeIfUnused();
    }

    /**
     * Marks the snapshot released and frees it if nothing pins it. The caller must be inside the
     * store's lifecycle lock (the database is open).
     *
     * @return {@code true} if this call released it, {@code false} if it already was
     */
    synchronized boolean release() {
        if (released) {
            return false;
        }
        released = true;
        freeIfUnused();
        return true;
    }

    /**
     * Frees the native snapshot whatever its pins; used by {@link RocksDbStore#close()} after it
     * has closed every iterator (under the store's exclusive lock).
     */
    synchronized void releaseForClose() {
        released = true;
        pins = 0;
        freeIfUnused();
    }

    /** @return whether the snapshot has been released by its user or by the store's close */
    synchronized boolean isReleased() {
        return released;
    }

    private void freeIfUnused() {
        if (released && pins == 0 && !freed) {
            freed = true;
            owner.releaseNative(nativeSnapshot);
        }
    }

    @Override
    public String toString() {
        return "RocksDbSnapshot[sequence=" + sequence + (released ? ", released" : "") + "]";
    }
}
