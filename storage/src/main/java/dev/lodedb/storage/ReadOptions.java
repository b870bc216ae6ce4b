package dev.lodedb.storage;

/**
 * Options of one read ({@code get} or {@code newIterator}). Immutable and thread-safe.
 *
 * @param snapshot the view to read, or {@code null} for the latest committed state at the time
 *     the read starts (an iterator keeps the view it started with)
 * @param lowerBound inclusive lower bound of the keys an iterator returns, or {@code null}
 * @param upperBound exclusive upper bound of the keys an iterator returns, or {@code null}
 * @param fillCache whether blocks read from disk are added to the block cache (turn off for
 *     one-off scans such as backups so they do not evict the working set)
 * @param verifyChecksums whether block checksums are verified on read; LodeDB always verifies,
 *     the flag exists for API parity with RocksDB and is ignored when {@code false}
 */
public record ReadOptions(Snapshot snapshot, byte[] lowerBound, byte[] upperBound,
                          boolean fillCache, boolean verifyChecksums) {
    /** Latest state, no bounds, cache filled. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, null, null, true, true);

    /** @return options reading through {@code snapshot} */
    public static ReadOptions at(Snapshot snapshot) {
        return new ReadOptions(snapshot, null, null, true, true);
    }

    /** @return a copy with the given snapshot */
    public ReadOptions withSnapshot(Snapshot s) {
        return new ReadOptions(s, lowerBound, upperBound, fillCache, verifyChecksums);
    }

    /** @return a copy with the given bounds ({@code lower} inclusive, {@code upper} exclusive) */
    public ReadOptions withBounds(byte[] lower, byte[] upper) {
        return new ReadOptions(snapshot, lower, upper, fillCache, verifyChecksums);
    }

    /** @return a copy with the given cache-fill setting */
    public ReadOptions withFillCache(boolean fill) {
        return new ReadOptions(snapshot, lowerBound, upperBound, fill, verifyChecksums);
    }
}
