package dev.lodedb.storage.util;

/**
 * Little-endian fixed-width and LEB128 variable-width integer coding, as in LevelDB's
 * {@code util/coding.h}. All persistent formats of the storage layer use these.
 *
 * <p>Stateless and thread-safe.
 */
public final class Coding {
    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private Coding() {
    }

    /** Writes {@code v} as 4 little-endian bytes at {@code p}. */
    public static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    /** @return the 4 little-endian bytes at {@code p} */
    public static int getInt(byte[] b, int p) {
        return (int) INT_LE.get(b, p);
    }

    /** Writes {@code v} as 8 little-endian bytes at {@code p}. */
    public static void putLong(byte[] b, int p, long v) {
        LONG_LE.set(b, p, v);
    }

    /** @return the 8 little-endian bytes at {@code p} */
    public static long getLong(byte[] b, int p) {
        return (long) LONG_LE.get(b, p);
    }

    /**
     * Writes {@code v} (treated as unsigned) as a varint at {@code p}.
     *
     * @return the position after the last byte written
     */
    public static int putVarint32(byte[] b, int p, int v) {
        while ((v & ~0x7f) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /**
     * Writes {@code v} (treated as unsigned) as a varint at {@code p}.
     *
     * @return the position after the last byte written
     */
    public static int putVarint64(byte[] b, int p, long v) {
        while ((v & ~0x7fL) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /** @return number of bytes the varint encoding of {@code v} takes (1..10) */
    public static int varintLength(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * Decodes a varint32 starting at {@code p}, reading no byte at or past {@code limit}.
     *
     * @return {@code (value << 32) | nextPosition}, or -1 if the varint is truncated or longer
     *     than 5 bytes
     */
    public static long getVarint32(byte[] b, int p, int limit) {
        int result = 0;
        for (int shift = 0; shift <= 28 && p < limit; shift += 7) {
            int x = b[p++] & 0xff;
            if ((x & 0x80) == 0) {
                result |= x << shift;
                return ((long) result << 32) | (p & 0xffffffffL);
            }
            result |= (x & 0x7f) << shift;
        }
        return -1;
    }

    /**
     * Decodes a varint64 starting at {@code pos[0]}, reading no byte at or past {@code limit},
     * and advances {@code pos[0]} past it.
     *
     * @return the value
     * @throws IllegalArgumentException if truncated or longer than 10 bytes
     */
    public static long getVarint64(byte[] b, int[] pos, int limit) {
        long result = 0;
        int p = pos[0];
        for (int shift = 0; shift <= 63 && p < limit; shift += 7) {
            long x = b[p++] & 0xff;
            if ((x & 0x80) == 0) {
                pos[0] = p;
                return result | (x << shift);
            }
            result |= (x & 0x7f) << shift;
        }
        throw new IllegalArgumentException("malformed varint64");
    }
}
