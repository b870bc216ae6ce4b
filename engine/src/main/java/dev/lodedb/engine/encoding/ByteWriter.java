package dev.lodedb.engine.encoding;

import java.util.Arrays;

/**
 * A growable byte buffer for building keys and rows: big-endian fixed-width integers (keys),
 * little-endian fixed-width integers and LEB128 varints (rows), and in-place complement of a
 * range (descending key columns).
 *
 * <p>Not thread-safe; one writer per encoding call.
 */
final class ByteWriter {
    private byte[] buf;
    private int size;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void put(byte[] b) {
        put(b, 0, b.length);
    }

    void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void putIntBE(int v) {
        ensure(4);
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
    }

    void putLongBE(long v) {
        putIntBE((int) (v >>> 32));
        putIntBE((int) v);
    }

    void putIntLE(int v) {
        ensure(4);
        buf[size] = (byte) v;
        buf[size + 1] = (byte) (v >>> 8);
        buf[size + 2] = (byte) (v >>> 16);
        buf[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void putLongLE(long v) {
        putIntLE((int) v);
        putIntLE((int) (v >>> 32));
    }

    /** Writes {@code v} as an unsigned LEB128 varint (1..10 bytes). */
    void putVarint(long v) {
        while ((v & ~0x7fL) != 0) {
            put((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        put((int) v);
    }

    /** Writes {@code v} zigzag-encoded (0, -1, 1, -2, ... to 0, 1, 2, 3, ...) as a varint. */
    void putZigzag(long v) {
        putVarint((v << 1) ^ (v >> 63));
    }

    /** Complements every byte in {@code [from, size)}. */
    void complementFrom(int from) {
        for (int i = from; i < size; i++) {
            buf[i] = (byte) ~buf[i];
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
