package dev.lodedb.storage.sstable;

import dev.lodedb.storage.util.Coding;
import java.util.Arrays;

/**
 * Pointer to a block inside an SSTable file: the byte offset of its first byte and its size in
 * bytes, <em>excluding</em> the 5-byte block trailer (compression type and checksum) that follows
 * it on disk. As in LevelDB's {@code table/format.h}.
 *
 * <p>Encoding: {@code varint64 offset, varint64 size}, at most {@link #MAX_ENCODED_LENGTH}
 * (20) bytes. The encoding is the value of every index-block and metaindex-block entry, and fills
 * the two handle slots of the {@link Footer}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param offset byte offset of the block in the file, {@code >= 0}
 * @param size size in bytes of the block payload (compressed if compressed), {@code >= 0}
 */
public record BlockHandle(long offset, long size) {
    /** Largest number of bytes {@link #encodeTo} writes: two varint64s of 10 bytes each. */
    public static final int MAX_ENCODED_LENGTH = 20;

    /**
     * @throws IllegalArgumentException if {@code offset} or {@code size} is negative
     */
    public BlockHandle {
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("negative block handle: offset " + offset + ", size " + size);
        }
    }

    /**
     * Writes the varint encoding at {@code dst[pos]}; needs up to {@link #MAX_ENCODED_LENGTH}
     * bytes of room.
     *
     * @return the position after the last byte written
     */
    public int encodeTo(byte[] dst, int pos) {
        int p = Coding.putVarint64(dst, pos, offset);
        return Coding.putVarint64(dst, p, size);
    }

    /** @return a new array holding exactly the encoding of this handle */
    public byte[] encode() {
        byte[] buf = new byte[MAX_ENCODED_LENGTH];
        int n = encodeTo(buf, 0);
        return Arrays.copyOf(buf, n);
    }

    /**
     * Decodes a handle from {@code src[pos, limit)}; trailing bytes after the two varints are
     * ignored (the footer pads its handle slots with zeros).
     *
     * @return the decoded handle
     * @throws IllegalArgumentException if a varint is truncated or longer than 10 bytes, or a
     *     value is negative
     */
    public static BlockHandle decode(byte[] src, int pos, int limit) {
        long off = 0;
        int p = pos;
        for (int shift = 0; ; shift += 7) {
            if (p >= limit || shift > 63) {
                throw new IllegalArgumentException("malformed block handle");
            }
            int b = src[p++];
            off |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        long sz = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= limit || shift > 63) {
                throw new IllegalArgumentException("malformed block handle");
            }
            int b = src[p++];
            sz |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (off < 0 || sz < 0) {
            throw new IllegalArgumentException("malformed block handle");
        }
        return new BlockHandle(off, sz);
    }
}
