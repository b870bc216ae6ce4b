package dev.lodedb.storage.lsm;

import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.util.List;

/**
 * Merges sorted child iterators into one sorted stream of internal keys (LevelDB's
 * {@code table/merger.cc}). Children are few (memtables, level-0 files, one iterator per deeper
 * level), so the smallest or largest child is found by a linear scan, as LevelDB does; switching
 * direction repositions every non-current child around the current key.
 *
 * <p>Duplicate internal keys cannot occur (sequence numbers are unique), so the order is total.
 * Not thread-safe. Closing closes the children.
 */
final class MergingIterator implements InternalIterator {
    private final InternalIterator[] children;
    private InternalIterator current;
    private boolean forward = true;
    /**
     * After a forward {@link #findSmallest}: the smallest key among the other children ({@code null}
     * if none is valid). They do not move while {@link #next} advances the current child, so the
     * current child stays the smallest while its key is below this one: a run of keys from one child
     * costs one comparison each instead of a scan over the children.
     */
    private byte[] runnerUpKey;
    private boolean runnerUpKnown;

    MergingIterator(List<InternalIterator> children) {
        this.children = children.toArray(new InternalIterator[0]);
    }

    @Override
    public boolean isValid() {
        return current != null;
    }

    @Override
    public void seekToFirst() {
        for (InternalIterator c : children) {
            c.seekToFirst();
        }
        forward = true;
        findSmallest();
    }

    @Override
    public void seekToLast() {
        for (InternalIterator c : children) {
            c.seekToLast();
        }
        forward = false;
        findLargest();
    }

    @Override
    public void seek(byte[] target) {
        for (InternalIterator c : children) {
            c.seek(target);
        }
        forward = true;
        findSmallest();
    }

    @Override
    public void next() {
        if (!forward) {
            byte[] key = current.key();
            for (InternalIterator c : children) {
                if (c != current) {
                    c.seek(key);
                    if (c.isValid() && InternalKey.compare(c.key(), key) == 0) {
                        c.next();
                    }
                }
            }
            forward = true;
        }
        current.next();
        if (runnerUpKnown && current.isValid()
                && (runnerUpKey == null || InternalKey.compare(current.key(), runnerUpKey) < 0)) {
            return;
        }
        findSmallest();
    }

    @Override
    public void prev() {
        if (forward) {
            byte[] key = current.key();
            for (InternalIterator c : children) {
                if (c != current) {
                    c.seek(key);
                    if (c.isValid()) {
                        c.prev();
                    } else {
                        c.seekToLast();
                    }
                }
            }
            forward = false;
        }
        current.prev();
        findLargest();
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    private void findSmallest() {
        InternalIterator best = null;
        byte[] bestKey = null;
        byte[] secondKey = null;
        for (InternalIterator c : children) {
            if (c.isValid()) {
                byte[] k = c.key();
                if (best == null || InternalKey.compare(k, bestKey) < 0) {
                    secondKey = bestKey;
                    best = c;
                    bestKey = k;
                } else if (secondKey == null || InternalKey.compare(k, secondKey) < 0) {
                    secondKey = k;
                }
            }
        }
        current = best;
        runnerUpKey = secondKey;
        runnerUpKnown = true;
    }

    private void findLargest() {
        runnerUpKnown = false;
        InternalIterator best = null;
        byte[] bestKey = null;
        for (int i = children.length - 1; i >= 0; i--) {
            InternalIterator c = children[i];
            if (c.isValid()) {
                byte[] k = c.key();
                if (best == null || InternalKey.compare(k, bestKey) > 0) {
                    best = c;
                    bestKey = k;
                }
            }
        }
        current = best;
    }

    @Override
    public void close() {
        for (InternalIterator c : children) {
            c.close();
        }
    }
}
