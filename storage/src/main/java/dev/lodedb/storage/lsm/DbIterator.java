package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.util.Arrays;

/**
 * The user-facing iterator: turns the merged stream of internal entries (every version of every
 * key, point tombstones included) into the live keys of one snapshot, within bounds. The
 * algorithm is LevelDB's {@code DBIter} ({@code db/db_iter.cc}): forward, skip versions newer than
 * the snapshot and every older version of a key once its newest visible version is seen; backward,
 * walk a key's versions oldest to newest and keep the last visible one. Added here: a version
 * covered by a visible range tombstone counts as deleted, and bounds are enforced.
 *
 * <p>Not thread-safe. Holds the store's read state (memtables and files) until closed.
 */
final class DbIterator implements StoreIterator {
    private final InternalIterator iter;
    private final long snapshot;
    private final FragmentedRangeTombstones.Cursor tombstones;
    private final byte[] lower;
    private final byte[] upper;
    private final Runnable onClose;
    private boolean forward = true;
    private boolean valid;
    private boolean closed;
    private byte[] savedKey;
    private byte[] savedValue;

    DbIterator(InternalIterator iter, long snapshot, FragmentedRangeTombstones tombstones,
               byte[] lower, byte[] upper, Runnable onClose) {
        this.iter = iter;
        this.snapshot = snapshot;
        this.tombstones = tombstones.cursor();
        this.lower = lower == null ? null : lower.clone();
        this.upper = upper == null ? null : upper.clone();
        this.onClose = onClose;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void seekToFirst() {
        checkOpen();
        if (lower != null) {
            seek(lower);
            return;
        }
        forward = true;
        iter.seekToFirst();
        findNextUserEntry(false, null);
    }

    @Override
    public void seekToLast() {
        checkOpen();
        forward = false;
        if (upper != null) {
            positionBefore(upper);
        } else {
            iter.seekToLast();
        }
        findPrevUserEntry();
    }

    @Override
    public void seek(byte[] target) {
        checkOpen();
        if (lower != null && Arrays.compareUnsigned(target, lower) < 0) {
            target = lower;
        }
        forward = true;
        iter.seek(InternalKey.encode(target, snapshot, InternalKey.TYPE_FOR_SEEK));
        findNextUserEntry(false, null);
    }

    @Override
    public void seekForPrev(byte[] target) {
        checkOpen();
        if (upper != null && Arrays.compareUnsigned(target, upper) >= 0) {
            seekToLast();
            return;
        }
        forward = false;
        // The last internal entry of `target` is (target, 0, DELETION); everything after it is > target.
        iter.seek(InternalKey.encode(target, 0, InternalKey.TYPE_DELETION));
        if (iter.isValid() && InternalKey.compareUserKey(iter.key(), target) == 0) {
            iter.next();
        }
        if (iter.isValid()) {
            iter.prev();
        } else {
            iter.seekToLast();
        }
        findPrevUserEntry();
    }

    /** Positions the internal iterator on the last entry whose user key is below {@code key}. */
    private void positionBefore(byte[] key) {
        iter.seek(InternalKey.encode(key, InternalKey.MAX_SEQUENCE, InternalKey.TYPE_FOR_SEEK));
        if (iter.isValid()) {
            iter.prev();
        } else {
            iter.seekToLast();
        }
    }

    @Override
    public void next() {
        checkValid();
        if (!forward) {
            // The internal iterator sits just before the entries of savedKey: step into them, then skip them.
            forward = true;
            if (iter.isValid()) {
                iter.next();
            } else {
                iter.seekToFirst();
            }
            findNextUserEntry(true, savedKey);
            return;
        }
        byte[] skip = savedKey;
        iter.next();
        findNextUserEntry(true, skip);
    }

    @Override
    public void prev() {
        checkValid();
        if (forward) {
            // Walk back past every version of the current key.
            byte[] current = savedKey;
            for (;;) {
                iter.prev();
                if (!iter.isValid()) {
                    valid = false;
                    savedKey = null;
                    savedValue = null;
                    return;
                }
                if (InternalKey.compareUserKey(iter.key(), current) < 0) {
                    break;
                }
            }
            forward = false;
        }
        findPrevUserEntry();
    }

    private void findNextUserEntry(boolean skipping, byte[] skip) {
        while (iter.isValid()) {
            byte[] ik = iter.key();
            long trailer = InternalKey.trailer(ik);
            long seq = trailer >>> 8;
            if (seq <= snapshot) {
                if (upper != null && InternalKey.compareUserKey(ik, upper) >= 0) {
                    break;
                }
                if (!(skipping && InternalKey.compareUserKey(ik, skip) <= 0)) {
                    int type = (int) (trailer & 0xff);
                    byte[] uk = InternalKey.userKey(ik);
                    if (type == InternalKey.TYPE_VALUE && !tombstones.covers(uk, seq)) {
                        valid = true;
                        savedKey = uk;
                        savedValue = iter.value();
                        return;
                    }
                    skip = uk;
                    skipping = true;
                }
            }
            iter.next();
        }
        valid = false;
        savedKey = null;
        savedValue = null;
    }

    private void findPrevUserEntry() {
        boolean haveValue = false;
        while (iter.isValid()) {
            byte[] ik = iter.key();
            long trailer = InternalKey.trailer(ik);
            long seq = trailer >>> 8;
            if (seq <= snapshot) {
                if (lower != null && InternalKey.compareUserKey(ik, lower) < 0) {
                    break;
                }
                if (haveValue && InternalKey.compareUserKey(ik, savedKey) < 0) {
                    break;
                }
                int type = (int) (trailer & 0xff);
                byte[] uk = InternalKey.userKey(ik);
                if (type == InternalKey.TYPE_VALUE && !tombstones.covers(uk, seq)) {
                    haveValue = true;
                    savedKey = uk;
                    savedValue = iter.value();
                } else {
                    haveValue = false;
                    savedKey = null;
                    savedValue = null;
                }
            }
            iter.prev();
        }
        if (!haveValue) {
            valid = false;
            savedKey = null;
            savedValue = null;
            forward = true;
        } else {
            valid = true;
        }
    }

    @Override
    public byte[] key() {
        checkValid();
        return savedKey.clone();
    }

    @Override
    public byte[] value() {
        checkValid();
        return savedValue.clone();
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("iterator is closed");
        }
    }

    private void checkValid() {
        checkOpen();
        if (!valid) {
            throw new IllegalStateException("iterator is not positioned at an entry");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            valid = false;
            try {
                iter.close();
            } finally {
                onClose.run();
            }
        }
    }
}
