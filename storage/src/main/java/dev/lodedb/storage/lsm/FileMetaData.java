package dev.lodedb.storage.lsm;

import dev.lodedb.storage.util.InternalKey;

/**
 * What the manifest records about one SSTable: its number (the file is {@code NNNNNN.sst}), size,
 * and key range as internal keys. The range covers the file's point entries and the extents of its
 * range tombstones; a tombstone's exclusive end is represented by the sentinel internal key
 * {@code (end, MAX_SEQUENCE, TYPE_RANGE_DELETION)}, which sorts before every real entry of
 * {@code end}, as in RocksDB.
 *
 * <p>Immutable and thread-safe, except {@link #allowedSeeks} style counters, which this class
 * does not have.
 *
 * @param number file number, unique within a store
 * @param size file size in bytes
 * @param smallest smallest internal key covered
 * @param largest largest internal key covered
 * @param smallestSeq smallest sequence number of any entry
 * @param largestSeq largest sequence number of any entry
 * @param numRangeDeletions number of range tombstones stored in the file
 */
public record FileMetaData(long number, long size, byte[] smallest, byte[] largest,
                           long smallestSeq, long largestSeq, long numRangeDeletions) {

    /** @return the user key of {@link #smallest()} */
    public byte[] smallestUserKey() {
        return InternalKey.userKey(smallest);
    }

    /** @return the user key of {@link #largest()} */
    public byte[] largestUserKey() {
        return InternalKey.userKey(largest);
    }

    /** @return whether the file's user-key range intersects {@code [begin, end]} (null = unbounded) */
    public boolean overlapsUserRange(byte[] begin, byte[] end) {
        if (end != null && InternalKey.compareUserKey(smallest, end) > 0) {
            return false;
        }
        return begin == null || InternalKey.compareUserKey(largest, begin) >= 0;
    }

    @Override
    public String toString() {
        return "#" + number + "[" + InternalKey.toString(smallest) + " .. " + InternalKey.toString(largest)
                + "] " + size + "B";
    }
}
