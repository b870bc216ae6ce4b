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
    /** Scratch characters of {@link #putUtf8Strict}, for strings of up to {@link #MAX_CHARS}. */
    private char[] chars = new char[64];
    private static final int MAX_CHARS = 4096;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    /** @return the bytes the buffer holds before it must grow */
    int capacity() {
        return buf.length;
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

    /**
     * Appends {@code s} in UTF-8, checking it as {@code Values.check} does for strings.
     *
     * @return true, or false (with nothing appended) if {@code s} holds a NUL character or an
     *     unpaired surrogate
     */
    boolean putUtf8Strict(String s) {
        int n = s.length();
        ensure(n);
        int at = size;
        byte[] b = buf;
        int p = size;
        int i = 0;
        if (n <= MAX_CHARS) {
            // the characters copied out at once (a bulk widening copy for a Latin-1 string), then
            // the ASCII prefix narrowed in a plain array loop: cheaper than charAt per character
            char[] cs = chars;
            if (cs.length < n) {
                cs = new char[Math.max(n, 2 * cs.length)];
                chars = cs;
            }
            s.getChars(0, n, cs, 0);
            for (; i < n; i++) {
                char c = cs[i];
                if (c >= 0x80 || c == 0) {
                    break;
                }
                b[p + i] = (byte) c;
            }
            p += i;
        } else {
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c == 0) {
                    break;
                }
                b[p++] = (byte) c;
            }
        }
        size = p;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                size = at;
                return false;
            }
            if (c < 0x80) {
                put(c);
            } else if (c < 0x800) {
                ensure(2);
                buf[size++] = (byte) (0xc0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                ensure(3);
                buf[size++] = (byte) (0xe0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[size++] = (byte) (0xf0 | cp >> 18);
                buf[size++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[size++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[size++] = (byte) (0x80 | cp & 0x3f);
            } else {
                size = at;
                return false;
            }
        }
        return true;
    }

    /** Appends {@code v} as its shortest big-endian two's complement bytes, as {@code BigInteger.toByteArray}. */
    void putMinimalBE(long v) {
        int bits = 64 - (v < 0 ? Long.numberOfLeadingZeros(~v) : Long.numberOfLeadingZeros(v)); // BigInteger.bitLength
        int n = bits / 8 + 1;
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** Drops everything written after the first {@code n} bytes. */
    void truncate(int n) {
        size = n;
    }

    /** Copies the bytes written to {@code dest} at {@code offset}. */
    void copyTo(byte[] dest, int offset) {
        System.arraycopy(buf, 0, dest, offset, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
