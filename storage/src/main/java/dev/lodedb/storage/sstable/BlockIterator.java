package dev.lodedb.storage.sstable;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.util.Coding;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Cursor over the entries of a {@link Block}, after LevelDB's {@code Block::Iter}
 * ({@code table/block.cc}).
 *
 * <ul>
 *   <li>{@link #seek}: binary search over the restart points (whose keys are stored whole, so
 *       they are compared in place in the block array), then a linear scan of at most
 *       {@code restartInterval} entries.
 *   <li>{@link #prev}: there are no back links; the iterator steps to the restart point before
 *       the current entry and re-scans forward, as LevelDB does.
 * </ul>
 *
 * <p>Keys are decoded into a reusable buffer (or referenced in place when an entry shares no
 * prefix); {@link #key()} and {@link #value()} return fresh copies the caller may keep.
 *
 * <p>Not thread-safe (one iterator per thread; the block itself is shared). A malformed entry
 * (bad varint, lengths running past the entries, a restart entry with a shared prefix) throws
 * {@link CorruptionException} naming the block's file and offset.
 */
public final class BlockIterator implements InternalIterator {
    private static final int MODE_INTERNAL = 0;
    private static final int MODE_BYTEWISE = 1;
    private static final int MODE_GENERIC = 2;
    private static final byte[] EMPTY = new byte[0];

    private final Block block;
    private final byte[] data;
    private final int restarts;
    private final int numRestarts;
    private final Comparator<byte[]> comparator;
    private final int mode;

    /** Offset of the current entry; {@code == restarts} when not valid. */
    private int current;
    /** Index of the restart block holding {@link #current}. */
    private int restartIndex;
    /** Offset just past the current entry: where the next entry starts. */
    private int nextOffset;
    private byte[] keyBuf = EMPTY;
    /** Where the current key lives: {@link #data} (in place) or {@link #keyBuf}. */
    private byte[] keyArr = EMPTY;
    private int keyOff;
    private int keyLen;
    /**
     * The copy of the current key {@link #key} returned, or {@code null} before the first call at
     * this position: the callers of a merge ask for the same key several times, and each position
     * gets its own array, never written again, so a caller may keep it.
     */
    private byte[] keyCopy;
    private int valueOff;
    private int valueLen;
    private int slowShared;
    private int slowNonShared;
    private int slowValueLength;
    private int slowEnd;

    /**
     * @param block the block to read; must not be raw
     * @param comparator the order of the block's keys
     */
    public BlockIterator(Block block, Comparator<byte[]> comparator) {
        if (block.isRaw()) {
            throw new IllegalStateException("raw block has no entries");
        }
        this.block = block;
        this.data = block.data();
        this.restarts = block.restartOffset();
        this.numRestarts = block.numRestarts();
        this.comparator = comparator;
        if (comparator == InternalKey.COMPARATOR) {
            mode = MODE_INTERNAL;
        } else if (comparator == InternalKey.USER_COMPARATOR) {
            mode = MODE_BYTEWISE;
        } else {
            mode = MODE_GENERIC;
        }
        current = restarts;
        restartIndex = numRestarts;
        nextOffset = restarts;
    }

    @Override
    public boolean isValid() {
        return current < restarts;
    }

    @Override
    public void seekToFirst() {
        if (numRestarts == 0) {
            invalidate();
            return;
        }
        seekToRestartPoint(0);
        parseNextKey();
    }

    @Override
    public void seekToLast() {
        if (numRestarts == 0) {
            invalidate();
            return;
        }
        seekToRestartPoint(numRestarts - 1);
        while (parseNextKey() && nextOffset < restarts) {
            // keep going to the last entry
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the block holds internal keys and {@code target} is
     *     shorter than {@link InternalKey#TRAILER_SIZE}
     */
    @Override
    public void seek(byte[] target) {
        if (mode == MODE_INTERNAL && target.length < InternalKey.TRAILER_SIZE) {
            throw new IllegalArgumentException("seek target shorter than an internal key trailer");
        }
        if (numRestarts == 0) {
            invalidate();
            return;
        }
        int left = 0;
        int right = numRestarts - 1;
        byte[] d = data;
        while (left < right) {
            int mid = (left + right + 1) >>> 1;
            int p = block.restartPoint(mid);
            int nonShared;
            if (p + 3 <= restarts && ((d[p] | d[p + 1] | d[p + 2]) & 0x80) == 0) {
                if (d[p] != 0) {
                    throw corruption("restart entry at block offset " + p + " shares a prefix");
                }
                nonShared = d[p + 1];
                p += 3;
            } else {
                decodeHeaderSlow(p);
                if (slowShared != 0) {
                    throw corruption("restart entry at block offset " + p + " shares a prefix");
                }
                nonShared = slowNonShared;
                p = slowEnd;
            }
            if (p + nonShared > restarts) {
                throw corruption("restart entry at block offset " + p + " runs past the entries");
            }
            if (compare(d, p, nonShared, target) < 0) {
                left = mid;
            } else {
                right = mid - 1;
            }
        }
        seekToRestartPoint(left);
        while (parseNextKey()) {
            if (compare(keyArr, keyOff, keyLen, target) >= 0) {
                return;
            }
        }
    }

    @Override
    public void next() {
        requireValid();
        parseNextKey();
    }

    @Override
    public void prev() {
        requireValid();
        int original = current;
        while (block.restartPoint(restartIndex) >= original) {
            if (restartIndex == 0) {
                invalidate();
                return;
            }
            restartIndex--;
        }
        seekToRestartPoint(restartIndex);
        while (parseNextKey() && nextOffset < original) {
            // scan forward to the entry before the original one
        }
    }

    @Override
    public byte[] key() {
        requireValid();
        byte[] k = keyCopy;
        if (k == null) {
            k = Arrays.copyOfRange(keyArr, keyOff, keyOff + keyLen);
            keyCopy = k;
        }
        return k;
    }

    @Override
    public byte[] value() {
        requireValid();
        return Arrays.copyOfRange(data, valueOff, valueOff + valueLen);
    }

    /** @return the current value's offset in {@link #data()} (no copy); requires validity */
    int valueOffset() {
        return valueOff;
    }

    /** @return the current value's length in bytes; requires validity */
    int valueLength() {
        return valueLen;
    }

    /** @return the block array that {@link #valueOffset()} refers to */
    byte[] data() {
        return data;
    }

    /**
     * @return whether the current key (an internal key) has the user key
     *     {@code ikey[0, userKeyLen)}; requires validity
     */
    boolean userKeyEquals(byte[] ikey, int userKeyLen) {
        int ukl = keyLen - InternalKey.TRAILER_SIZE;
        return ukl == userKeyLen && Arrays.equals(keyArr, keyOff, keyOff + ukl, ikey, 0, userKeyLen);
    }

    /**
     * Compares key {@code a[off, off+len)} with {@code target} in this iterator's order, in place
     * where the comparator is known.
     */
    private int compare(byte[] a, int off, int len, byte[] target) {
        switch (mode) {
            case MODE_INTERNAL:
                if (len < InternalKey.TRAILER_SIZE) {
                    throw corruption("internal key shorter than its trailer (" + len + " bytes)");
                }
                return compareInternal(a, off, len, target, 0, target.length);
            case MODE_BYTEWISE:
                return Arrays.compareUnsigned(a, off, off + len, target, 0, target.length);
            default:
                return comparator.compare(Arrays.copyOfRange(a, off, off + len), target);
        }
    }

    /**
     * Compares internal keys {@code a[aOff, aOff+aLen)} and {@code b[bOff, bOff+bLen)} in
     * {@link InternalKey#COMPARATOR} order without copying: user keys ascending (unsigned), then
     * trailer descending. Both lengths must be at least {@link InternalKey#TRAILER_SIZE}.
     */
    static int compareInternal(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        int aUser = aOff + aLen - InternalKey.TRAILER_SIZE;
        int bUser = bOff + bLen - InternalKey.TRAILER_SIZE;
        int c = Arrays.compareUnsigned(a, aOff, aUser, b, bOff, bUser);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(Coding.getLong(b, bUser), Coding.getLong(a, aUser));
    }

    private void seekToRestartPoint(int index) {
        keyCopy = null;
        keyArr = keyBuf;
        keyOff = 0;
        keyLen = 0;
        restartIndex = index;
        nextOffset = block.restartPoint(index);
    }

    private void invalidate() {
        keyCopy = null;
        current = restarts;
        restartIndex = numRestarts;
        nextOffset = restarts;
    }

    private boolean parseNextKey() {
        keyCopy = null;
        int p = nextOffset;
        current = p;
        if (p >= restarts) {
            invalidate();
            return false;
        }
        byte[] d = data;
        int shared;
        int nonShared;
        int valueLength;
        if (p + 3 <= restarts && ((d[p] | d[p + 1] | d[p + 2]) & 0x80) == 0) {
            shared = d[p];
            nonShared = d[p + 1];
            valueLength = d[p + 2];
            p += 3;
        } else {
            decodeHeaderSlow(p);
            shared = slowShared;
            nonShared = slowNonShared;
            valueLength = slowValueLength;
            p = slowEnd;
        }
        if (shared > keyLen || (long) p + nonShared + valueLength > restarts) {
            throw badEntry(current);
        }
        if (shared == 0) {
            keyArr = d;
            keyOff = p;
            keyLen = nonShared;
        } else {
            appendKey(shared, p, nonShared);
        }
        valueOff = p + nonShared;
        valueLen = valueLength;
        nextOffset = valueOff + valueLength;
        int ri = restartIndex;
        while (ri + 1 < numRestarts && block.restartPoint(ri + 1) < current) {
            ri++;
        }
        restartIndex = ri;
        return true;
    }

    /** Builds the current key from {@code shared} bytes of the previous key and the delta. */
    private void appendKey(int shared, int deltaOff, int nonShared) {
        int newLen = shared + nonShared;
        if (keyArr != keyBuf) {
            if (keyBuf.length < newLen) {
                keyBuf = new byte[Math.max(newLen, 32)];
            }
            System.arraycopy(keyArr, keyOff, keyBuf, 0, shared);
        } else if (keyBuf.length < newLen) {
            keyBuf = Arrays.copyOf(keyBuf, Math.max(newLen, keyBuf.length * 2));
        }
        System.arraycopy(data, deltaOff, keyBuf, shared, nonShared);
        keyArr = keyBuf;
        keyOff = 0;
        keyLen = newLen;
    }

    /**
     * Decodes an entry header with multi-byte varints at {@code p} into {@link #slowShared},
     * {@link #slowNonShared}, {@link #slowValueLength} and {@link #slowEnd} (kept out of
     * {@link #parseNextKey()} so that the common one-byte case stays small enough to inline).
     */
    private void decodeHeaderSlow(int p) {
        long r1 = Coding.getVarint32(data, p, restarts);
        long r2 = r1 < 0 ? -1 : Coding.getVarint32(data, (int) r1, restarts);
        long r3 = r2 < 0 ? -1 : Coding.getVarint32(data, (int) r2, restarts);
        if (r3 < 0) {
            throw badEntry(p);
        }
        long shared = r1 >>> 32;
        long nonShared = r2 >>> 32;
        long valueLength = r3 >>> 32;
        if (shared > restarts || nonShared > restarts || valueLength > restarts) {
            throw badEntry(p);
        }
        slowShared = (int) shared;
        slowNonShared = (int) nonShared;
        slowValueLength = (int) valueLength;
        slowEnd = (int) r3;
    }

    private void requireValid() {
        if (current >= restarts) {
            throw new IllegalStateException("iterator not positioned at an entry");
        }
    }

    private CorruptionException badEntry(int at) {
        return corruption("malformed block entry at block offset " + at);
    }

    private CorruptionException corruption(String reason) {
        return block.corruption(reason);
    }
}
