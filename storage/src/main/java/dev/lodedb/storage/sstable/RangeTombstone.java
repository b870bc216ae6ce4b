package dev.lodedb.storage.sstable;

import dev.lodedb.storage.util.Bytes;
import java.util.Arrays;

/**
 * A range deletion stored in an SSTable: every version of every user key in
 * {@code [start, end)} with a sequence number below {@code sequence} is deleted.
 *
 * <p>The arrays are shared, not copied; callers must not modify them. {@link #equals} and
 * {@link #hashCode} compare the array contents.
 *
 * @param start first deleted user key (inclusive)
 * @param end end user key (exclusive)
 * @param sequence the sequence number of the deletion
 */
public record RangeTombstone(byte[] start, byte[] end, long sequence) {
    @Override
    public boolean equals(Object o) {
        return o instanceof RangeTombstone t && sequence == t.sequence
                && Arrays.equals(start, t.start) && Arrays.equals(end, t.end);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(start) * 31 + Arrays.hashCode(end)) * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "[" + Bytes.toDisplay(start) + ", " + Bytes.toDisplay(end) + ")@" + sequence;
    }
}
