package dev.lodedb.bench;

import java.util.SplittableRandom;

/**
 * Keys and values of the key-value benchmarks. Keys are 16 bytes: db_bench-style keys are the
 * record number big-endian in the first 8 bytes and zeros after (so key order is number order);
 * YCSB keys are a 64-bit FNV-1a hash of the record number followed by the number (YCSB's default
 * {@code insertorder=hashed}, so inserts land all over the key space). Values are cut from a
 * buffer that compresses to about half its size, like db_bench's {@code compression_ratio=0.5}.
 * Thread-safe (immutable after construction).
 */
public final class Data {
    /** Key length in bytes. */
    public static final int KEY_SIZE = 16;
    private static final int BUFFER = 1 << 20;

    private final int valueSize;
    private final byte[] buffer;

    /**
     * @param valueSize bytes per value
     * @param seed seed of the value buffer
     */
    public Data(int valueSize, long seed) {
        this.valueSize = valueSize;
        this.buffer = new byte[BUFFER + valueSize];
        SplittableRandom r = new SplittableRandom(seed);
        for (int p = 0; p < buffer.length; p += 100) {
            // 50 random printable bytes, then the same 50 again: compresses to about 50%
            int n = Math.min(50, buffer.length - p);
            for (int i = 0; i < n; i++) {
                buffer[p + i] = (byte) (' ' + r.nextInt(95));
            }
            int m = Math.min(50, buffer.length - p - 50);
            if (m > 0) {
                System.arraycopy(buffer, p, buffer, p + 50, m);
            }
        }
    }

    /** @return bytes per value */
    public int valueSize() {
        return valueSize;
    }

    /** @return a fresh value of {@link #valueSize()} bytes from a random offset of the buffer */
    public byte[] value(SplittableRandom r) {
        byte[] v = new byte[valueSize];
        System.arraycopy(buffer, r.nextInt(BUFFER), v, 0, valueSize);
        return v;
    }

    /** @return the db_bench-style key of record {@code n}: big-endian n, then 8 zero bytes */
    public static byte[] key(long n) {
        byte[] k = new byte[KEY_SIZE];
        putLong(k, 0, n);
        return k;
    }

    /** @return the YCSB-style key of record {@code n}: FNV-1a hash of n, then n (big-endian) */
    public static byte[] ycsbKey(long n) {
        byte[] k = new byte[KEY_SIZE];
        putLong(k, 0, fnv1a64(n));
        putLong(k, 8, n);
        return k;
    }

    /** @return the 64-bit FNV-1a hash of the 8 bytes of {@code v} (the hash YCSB's {@code Utils.fnvhash64} uses) */
    public static long fnv1a64(long v) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < 8; i++) {
            long octet = v & 0xff;
            v >>>= 8;
            h ^= octet;
            h *= 0x100000001B3L;
        }
        return h;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * A permutation of {@code [0, n)} for loading every record exactly once in a scrambled order:
     * {@code i -> (i * P + offset) mod n} with a prime {@code P} that does not divide {@code n}.
     */
    public static final class Permutation {
        private static final long P = 2_147_483_629L; // prime below 2^31
        private final long n;
        private final long offset;

        /** @param n the number of records (below 2^31) */
        public Permutation(long n, long seed) {
            if (n <= 0 || n >= (1L << 31)) {
                throw new IllegalArgumentException("records must be in [1, 2^31): " + n);
            }
            this.n = n;
            this.offset = Math.floorMod(seed, n);
        }

        /** @return the record number at position {@code i} of the permutation */
        public long at(long i) {
            return Math.floorMod(i % n * (P % n) + offset, n);
        }
    }
}
