package dev.lodedb.engine.encoding;

import dev.lodedb.engine.SqlException;

/**
 * A bounds-checked cursor over a byte range of a stored key or row. Every read past the end, and
 * every malformed varint, is reported as {@link SqlException} {@code XX001 data_corrupted} naming
 * what was being decoded and the byte offset, never as an {@link ArrayIndexOutOfBoundsException}.
 *
 * <p>An XOR mask (0x00 or 0xFF) is applied to every byte read, so descending key columns, whose
 * bytes are complemented, decode with the same code as ascending ones.
 *
 * <p>Not thread-safe; one reader per decoding call.
 */
final class ByteReader {
    private final byte[] buf;
    private final int start;
    private final int limit;
    private final String what;
    private int pos;
    private int mask;

    ByteReader(byte[] buf, int offset, int length, String what) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("range [" + offset + ", " + offset + "+" + length
                    + ") outside an array of " + buf.length);
        }
        this.buf = buf;
        this.start = offset;
        this.pos = offset;
        this.limit = offset + length;
        this.what = what;
    }

    SqlException corrupt(String reason) {
        return new SqlException(SqlException.DATA_CORRUPTED,
                "corrupt " + what + ": " + reason + " at byte " + (pos - start));
    }

    /** @return the current XOR mask (0x00 or 0xFF) */
    int mask() {
        return mask;
    }

    void setMask(int m) {
        mask = m;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    byte[] array() {
        return buf;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw corrupt("truncated (needs " + n + " more bytes, has " + (limit - pos) + ")");
        }
    }

    /** @return the next byte, unmasked to 0..255 */
    int get() {
        need(1);
        return (buf[pos++] ^ mask) & 0xff;
    }

    int getIntBE() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | ((buf[pos++] ^ mask) & 0xff);
        }
        return v;
    }

    long getLongBE() {
        return ((long) getIntBE() << 32) | (getIntBE() & 0xffffffffL);
    }

    int getIntLE() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= ((buf[pos++] ^ mask) & 0xff) << (8 * i);
        }
        return v;
    }

    long getLongLE() {
        return (getIntLE() & 0xffffffffL) | ((long) getIntLE() << 32);
    }

    /** Moves past the next {@code n} bytes (corrupt when fewer are left). */
    void skip(int n) {
        need(n);
        pos += n;
    }

    /** @return the next {@code n} bytes, unmasked */
    byte[] getBytes(int n) {
        need(n);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (buf[pos++] ^ mask);
        }
        return b;
    }

    /** @return an unsigned LEB128 varint of at most 10 bytes */
    long getVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = get();
            if (shift == 63 && b > 1) {
                throw corrupt("varint overflows 64 bits");
            }
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** @return a varint that must fit in a non-negative int */
    int getVarintInt() {
        long v = getVarint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw corrupt("length or count " + Long.toUnsignedString(v) + " out of range");
        }
        return (int) v;
    }

    long getZigzag() {
        long v = getVarint();
        return (v >>> 1) ^ -(v & 1);
    }
}
