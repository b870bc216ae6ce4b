package dev.lodedb.storage.sstable;

import dev.lodedb.storage.util.Coding;
import java.util.Arrays;

/**
 * Builds the contents of one block (data, index, metaindex, properties or range-deletion block)
 * in LevelDB's block format ({@code table/block_builder.cc}).
 *
 * <p>Keys are prefix-compressed: each entry stores only the bytes of its key that differ from the
 * previous key. Every {@code restartInterval} keys a <em>restart point</em> stores the full key,
 * so that a reader can binary-search the restart points and decode from any of them.
 *
 * <pre>
 * entry:   shared varint32 | non_shared varint32 | value_length varint32
 *          | key_delta[non_shared] | value[value_length]
 * block:   entry* | restart_offset uint32 LE * num_restarts | num_restarts uint32 LE
 * </pre>
 *
 * <p>A finished empty block is 8 bytes: one restart offset (0) and {@code num_restarts = 1}.
 *
 * <p>The builder does not check key order: the caller ({@link TableBuilder}) adds keys in the
 * strictly increasing order of the block's comparator. Not thread-safe; reusable after
 * {@link #reset()}.
 */
public final class BlockBuilder {
    private final int restartInterval;
    private byte[] buf = new byte[4096];
    private int size;
    private int[] restarts = new int[32];
    private int numRestarts;
    private int counter;
    private boolean finished;
    private byte[] lastKey = new byte[64];
    private int lastKeyLength;

    /**
     * @param restartInterval number of keys between restart points, {@code >= 1} (1 disables
     *     prefix compression, which suits index blocks)
     * @throws IllegalArgumentException if {@code restartInterval < 1}
     */
    public BlockBuilder(int restartInterval) {
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restart interval must be >= 1: " + restartInterval);
        }
        this.restartInterval = restartInterval;
        reset();
    }

    /** Clears the builder for a new block, keeping its buffers. */
    public void reset() {
        size = 0;
        restarts[0] = 0;
        numRestarts = 1;
        counter = 0;
        finished = false;
        lastKeyLength = 0;
    }

    /** @return whether no entry has been added since construction or {@link #reset()} */
    public boolean isEmpty() {
        return numRestarts == 1 && counter == 0;
    }

    /**
     * @return the size in bytes the block would have if finished now (entries plus restart
     *     array plus count); used to decide when a data block is full
     */
    public int currentSizeEstimate() {
        return size + numRestarts * 4 + 4;
    }

    /**
     * Appends an entry. Equivalent to {@code add(key, 0, key.length, value, 0, value.length)}.
     *
     * @throws IllegalStateException after {@link #finish()} (until {@link #reset()})
     */
    public void add(byte[] key, byte[] value) {
        add(key, 0, key.length, value, 0, value.length);
    }

    /**
     * Appends the entry {@code key[keyOff, keyOff+keyLen) -> value[valueOff, valueOff+valueLen)}.
     * The key must be greater than the previous key in the block's order.
     *
     * @throws IllegalStateException after {@link #finish()} (until {@link #reset()})
     */
    public void add(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        int shared = 0;
        if (counter < restartInterval) {
            int max = Math.min(lastKeyLength, keyLen);
            int mismatch = Arrays.mismatch(lastKey, 0, max, key, keyOff, keyOff + max);
            shared = mismatch < 0 ? max : mismatch;
        } else {
            if (numRestarts == restarts.length) {
                restarts = Arrays.copyOf(restarts, restarts.length * 2);
            }
            restarts[numRestarts++] = size;
            counter = 0;
        }
        int nonShared = keyLen - shared;
        ensureCapacity(15 + nonShared + valueLen);
        byte[] b = buf;
        int p = size;
        p = Coding.putVarint32(b, p, shared);
        p = Coding.putVarint32(b, p, nonShared);
        p = Coding.putVarint32(b, p, valueLen);
        System.arraycopy(key, keyOff + shared, b, p, nonShared);
        p += nonShared;
        System.arraycopy(value, valueOff, b, p, valueLen);
        size = p + valueLen;

        if (lastKey.length < keyLen) {
            lastKey = Arrays.copyOf(lastKey, Math.max(keyLen, lastKey.length * 2));
        }
        System.arraycopy(key, keyOff + shared, lastKey, shared, nonShared);
        lastKeyLength = keyLen;
        counter++;
    }

    /**
     * Appends the restart array and count and returns a copy of the finished block. The builder
     * must be {@link #reset()} before it accepts entries again.
     *
     * @return the block contents, {@link #currentSizeEstimate()} bytes
     */
    public byte[] finish() {
        int n = finishInPlace();
        return Arrays.copyOf(buf, n);
    }

    /**
     * Like {@link #finish()} without the copy: the contents are {@code buffer()[0, n)}, valid
     * until the next {@link #reset()}.
     *
     * @return n, the length of the finished block in bytes
     */
    int finishInPlace() {
        if (!finished) {
            ensureCapacity(numRestarts * 4 + 4);
            int p = size;
            for (int i = 0; i < numRestarts; i++) {
                Coding.putInt(buf, p, restarts[i]);
                p += 4;
            }
            Coding.putInt(buf, p, numRestarts);
            size = p + 4;
            finished = true;
        }
        return size;
    }

    /** @return the internal buffer; after {@link #finishInPlace()} it starts with the block */
    byte[] buffer() {
        return buf;
    }

    private void ensureCapacity(int extra) {
        int need = size + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }
}
