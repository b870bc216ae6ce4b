package dev.lodedb.storage.lsm;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

/**
 * The sequence numbers of a store's live snapshots, with how many snapshots hold each, so that
 * compaction keeps every version some snapshot can still see (RocksDB keeps the same list under
 * its DB mutex). Here it has a lock of its own, and taking or releasing a snapshot only takes its
 * shared side: statements of concurrent sessions take and release a snapshot each, and behind the
 * store's mutex they queued on each other (and on flushes and commits).
 *
 * <p>The one invariant: a snapshot taken after {@link #smallest} returned {@code s} has a sequence
 * {@code >= s}. {@link #acquire} reads the store's last sequence and registers it under the shared
 * lock, {@link #smallest} reads the list under the exclusive one, so no snapshot is between the two
 * steps while the smallest is computed; the last sequence only grows.
 *
 * <p>Thread-safe; {@link #acquire}, {@link #retain} and {@link #release} never block each other
 * (a stamped lock's read side, a concurrent skip list's atomic updates).
 */
final class SnapshotList {
    private final ConcurrentSkipListMap<Long, Integer> counts = new ConcurrentSkipListMap<>();
    private final StampedLock lock = new StampedLock();

    /**
     * Registers a snapshot at the current last sequence.
     *
     * @param lastSequence the store's last published sequence number
     * @return the snapshot's sequence
     */
    long acquire(LongSupplier lastSequence) {
        long stamp = lock.readLock();
        try {
            long seq = lastSequence.getAsLong();
            counts.merge(seq, 1, Integer::sum);
            return seq;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Registers one more snapshot at {@code sequence}, which a live snapshot holds: the caller
     * checks afterwards that it was not released meanwhile, and if it was, calls
     * {@link #release} and fails (until then the count never reached zero through this one).
     */
    void retain(long sequence) {
        long stamp = lock.readLock();
        try {
            counts.merge(sequence, 1, Integer::sum);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Drops one registration of {@code sequence}. */
    void release(long sequence) {
        counts.computeIfPresent(sequence, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * @param lastSequence the store's last published sequence number
     * @return the smallest live snapshot's sequence, or the last sequence when there is none
     */
    long smallest(LongSupplier lastSequence) {
        long stamp = lock.writeLock();
        try {
            java.util.Map.Entry<Long, Integer> first = counts.firstEntry(); // releases do not lock
            return first == null ? lastSequence.getAsLong() : first.getKey();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** @return live snapshots (a moment's count) */
    long count() {
        long n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }
}
