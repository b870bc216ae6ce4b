package dev.lodedb.engine.transaction;

import dev.lodedb.storage.StoreIterator;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A store iterator that shows a transaction's buffered writes over its snapshot: keys of the
 * write set replace the snapshot's, deletions hide them. A two-way merge in the manner of
 * LevelDB's {@code MergingIterator} (RocksDB's {@code BaseDeltaIterator} does the same for
 * {@code WriteBatchWithIndex}): both inputs are kept positioned on the same side of the current
 * key, and a change of direction re-seeks the input that is not current.
 *
 * <p>The write-set side is a cursor over a navigable map (each step O(log n)). The map must not
 * change while the iterator is used. Not thread-safe.
 */
final class OverlayIterator implements StoreIterator {
    private final StoreIterator base;
    /** The write set restricted to the iterator's bounds. */
    private final NavigableMap<byte[], byte[]> delta;
    /** The write set, for its range deletions (which hide base keys), or {@code null} when it has none. */
    private final WriteSet ranges;
    private Map.Entry<byte[], byte[]> d;
    private boolean forward = true;
    /** Whether the current entry comes from the write set (else from the base). */
    private boolean fromDelta;
    private boolean valid;

    OverlayIterator(StoreIterator base, NavigableMap<byte[], byte[]> delta, WriteSet writes) {
        this.base = base;
        this.delta = delta;
        this.ranges = writes.hasDeletedRanges() ? writes : null;
    }

    /** @return whether the base's current key is hidden by a range deletion */
    private boolean baseHidden() {
        return ranges != null && ranges.inDeletedRange(base.key());
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void seekToFirst() {
        base.seekToFirst();
        d = delta.firstEntry();
        forward = true;
        settleForward();
    }

    @Override
    public void seekToLast() {
        base.seekToLast();
        d = delta.lastEntry();
        forward = false;
        settleBackward();
    }

    @Override
    public void seek(byte[] target) {
        base.seek(target);
        d = delta.ceilingEntry(target);
        forward = true;
        settleForward();
    }

    @Override
    public void seekForPrev(byte[] target) {
        base.seekForPrev(target);
        d = delta.floorEntry(target);
        forward = false;
        settleBackward();
    }

    @Override
    public void next() {
        requireValid();
        byte[] current = key();
        if (!forward) {
            // both inputs sit at or before the current key: move them past it
            base.seek(current);
            if (base.isValid() && Arrays.compareUnsigned(base.key(), current) == 0) {
                base.next();
            }
            d = delta.higherEntry(current);
            forward = true;
        } else {
            if (base.isValid() && Arrays.compareUnsigned(base.key(), current) == 0) {
                base.next();
            }
            if (d != null && Arrays.compareUnsigned(d.getKey(), current) == 0) {
                d = delta.higherEntry(current);
            }
        }
        settleForward();
    }

    @Override
    public void prev() {
        requireValid();
        byte[] current = key();
        if (forward) {
            base.seekForPrev(current);
            if (base.isValid() && Arrays.compareUnsigned(base.key(), current) == 0) {
                base.prev();
            }
            d = delta.lowerEntry(current);
            forward = false;
        } else {
            if (base.isValid() && Arrays.compareUnsigned(base.key(), current) == 0) {
                base.prev();
            }
            if (d != null && Arrays.compareUnsigned(d.getKey(), current) == 0) {
                d = delta.lowerEntry(current);
            }
        }
        settleBackward();
    }

    /** Picks the smaller of the two inputs, skipping deletions (and the base keys they hide). */
    private void settleForward() {
        while (true) {
            while (base.isValid() && baseHidden()) {
                base.next();
            }
            boolean b = base.isValid();
            if (d == null) {
                fromDelta = false;
                valid = b;
                return;
            }
            int c = b ? Arrays.compareUnsigned(base.key(), d.getKey()) : 1;
            if (c < 0) {
                fromDelta = false;
                valid = true;
                return;
            }
            if (!WriteSet.isDeleted(d.getValue())) {
                fromDelta = true;
                valid = true;
                return;
            }
            if (c == 0) {
                base.next();
            }
            d = delta.higherEntry(d.getKey());
        }
    }

    /** Picks the larger of the two inputs, skipping deletions. */
    private void settleBackward() {
        while (true) {
            while (base.isValid() && baseHidden()) {
                base.prev();
            }
            boolean b = base.isValid();
            if (d == null) {
                fromDelta = false;
                valid = b;
                return;
            }
            int c = b ? Arrays.compareUnsigned(base.key(), d.getKey()) : -1;
            if (c > 0) {
                fromDelta = false;
                valid = true;
                return;
            }
            if (!WriteSet.isDeleted(d.getValue())) {
                fromDelta = true;
                valid = true;
                return;
            }
            if (c == 0) {
                base.prev();
            }
            d = delta.lowerEntry(d.getKey());
        }
    }

    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("iterator is not positioned at an entry");
        }
    }

    @Override
    public byte[] key() {
        requireValid();
        return fromDelta ? d.getKey() : base.key();
    }

    @Override
    public byte[] value() {
        requireValid();
        return fromDelta ? d.getValue() : base.value();
    }

    @Override
    public void close() {
        base.close();
    }
}
