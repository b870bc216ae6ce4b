package dev.lodedb.storage.sstable;

import java.util.Arrays;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Whole-file ("full") Bloom filter over the <em>user</em> keys of an SSTable, in the spirit of
 * RocksDB's full filter: one filter block per file instead of one per data block, consulted before
 * the index so that a point lookup for an absent key usually reads no data block at all.
 *
 * <h2>Format</h2>
 * <pre>
 * bits[m / 8] | k uint8            (m = number of bits, a multiple of 8, at least 64)
 * </pre>
 * Bit {@code i} is {@code bits[i >>> 3] & (1 << (i & 7))}.
 *
 * <h2>Hashing</h2>
 * Each key is hashed once with XXHash64 (seed {@link #HASH_SEED}); the low and high 32 bits are
 * two independent hashes {@code h1, h2}, and probe {@code i} (0 &le; i &lt; k) is
 * {@code g_i = h1 + i * h2 (mod 2^32)} mapped onto {@code [0, m)} by Lemire's multiply-shift
 * range reduction {@code (g_i * m) >>> 32}. This is the double hashing of A. Kirsch and
 * M. Mitzenmacher, "Less Hashing, Same Performance: Building a Better Bloom Filter" (ESA 2006 /
 * Random Structures &amp; Algorithms 33(2), 2008), which keeps the false-positive rate of k
 * independent hashes asymptotically.
 *
 * <p>{@code k = round(bitsPerKey * ln 2)} clamped to [1, 30]; at the default 10 bits per key
 * {@code k = 7} and the expected false-positive rate is about 0.8%. A filter whose k byte is 0
 * or above 30 is treated as "may contain" for every key (reserved for future encodings, as in
 * LevelDB), so that old readers never give false negatives.
 *
 * <p>Instances are immutable and thread-safe; {@link Builder} is not thread-safe.
 */
public final class BloomFilter {
    /** Default bits per key (about 1% false positives). */
    public static final int DEFAULT_BITS_PER_KEY = 10;
    /** Seed of the XXHash64 key hash; part of the format. */
    public static final long HASH_SEED = 0L;
    /** Largest number of bits a filter may have (the range reduction needs m &lt; 2^32). */
    static final long MAX_BITS = (1L << 32) - 64;

    private static final XXHash64 XXH64 = XXHashFactory.fastestJavaInstance().hash64();

    private final byte[] data;
    private final int off;
    private final int len;

    /**
     * Wraps a serialized filter (as produced by {@link Builder#finish()}); no copy is made.
     *
     * @param serialized the filter bytes, which must not be modified afterwards
     */
    public BloomFilter(byte[] serialized) {
        this(serialized, 0, serialized.length);
    }

    /**
     * Wraps the serialized filter {@code serialized[off, off+len)}; no copy is made.
     */
    public BloomFilter(byte[] serialized, int off, int len) {
        this.data = serialized;
        this.off = off;
        this.len = len;
    }

    /**
     * @return {@code false} if {@code userKey} was certainly not added; {@code true} if it may
     *     have been
     */
    public boolean mayContain(byte[] userKey) {
        return mayContain(data, off, len, userKey, 0, userKey.length);
    }

    /** @return the size in bytes of the serialized filter */
    public int sizeBytes() {
        return len;
    }

    /** @return the number of probes k stored in the filter */
    public int numProbes() {
        return len == 0 ? 0 : data[off + len - 1] & 0xff;
    }

    /**
     * Tests {@code key[keyOff, keyOff+keyLen)} against the serialized filter
     * {@code filter[filterOff, filterOff+filterLen)} without allocating.
     *
     * @return {@code false} only if the key was certainly not added
     */
    public static boolean mayContain(byte[] filter, int filterOff, int filterLen,
                                     byte[] key, int keyOff, int keyLen) {
        if (filterLen < 2) {
            return true;
        }
        int k = filter[filterOff + filterLen - 1] & 0xff;
        if (k == 0 || k > 30) {
            return true;
        }
        long bits = (long) (filterLen - 1) << 3;
        long h = hash(key, keyOff, keyLen);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < k; i++) {
            long g = (h1 + i * h2) & 0xffffffffL;
            long bit = (g * bits) >>> 32;
            if ((filter[filterOff + (int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the 64-bit key hash the filter uses (XXHash64, seed {@link #HASH_SEED}) */
    public static long hash(byte[] key, int off, int len) {
        return XXH64.hash(key, off, len, HASH_SEED);
    }

    /**
     * @param bitsPerKey filter bits per key, {@code >= 1}
     * @return the number of probes k = round(bitsPerKey &middot; ln 2), clamped to [1, 30]
     */
    public static int numProbes(int bitsPerKey) {
        long k = Math.round(bitsPerKey * Math.log(2));
        return (int) Math.max(1, Math.min(30, k));
    }

    /**
     * Accumulates key hashes (8 bytes per distinct key) and produces the serialized filter.
     * Consecutive duplicate keys are counted once. Not thread-safe.
     */
    public static final class Builder {
        private final int bitsPerKey;
        private long[] hashes = new long[1024];
        private int count;

        /**
         * @param bitsPerKey bits of filter per key, {@code >= 1}
         * @throws IllegalArgumentException if {@code bitsPerKey < 1}
         */
        public Builder(int bitsPerKey) {
            if (bitsPerKey < 1) {
                throw new IllegalArgumentException("bits per key must be >= 1: " + bitsPerKey);
            }
            this.bitsPerKey = bitsPerKey;
        }

        /** Adds a key. */
        public void addKey(byte[] key) {
            addKey(key, 0, key.length);
        }

        /** Adds the key {@code key[off, off+len)}. */
        public void addKey(byte[] key, int off, int len) {
            long h = hash(key, off, len);
            if (count > 0 && hashes[count - 1] == h) {
                return;
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = h;
        }

        /** @return number of distinct keys added so far */
        public int numKeys() {
            return count;
        }

        /** @return the filter size in bytes {@link #finish()} would produce now */
        public int sizeEstimate() {
            return (int) (numBits() / 8) + 1;
        }

        /**
         * @return the serialized filter: {@code max(64, keys * bitsPerKey)} bits rounded up to a
         *     whole byte (capped below 2^32 bits), followed by the k byte
         */
        public byte[] finish() {
            long bits = numBits();
            int k = numProbes(bitsPerKey);
            byte[] out = new byte[(int) (bits >>> 3) + 1];
            for (int j = 0; j < count; j++) {
                long h = hashes[j];
                int h1 = (int) h;
                int h2 = (int) (h >>> 32);
                for (int i = 0; i < k; i++) {
                    long g = (h1 + i * h2) & 0xffffffffL;
                    long bit = (g * bits) >>> 32;
                    out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
            out[out.length - 1] = (byte) k;
            return out;
        }

        private long numBits() {
            long bits = Math.max(64L, (long) count * bitsPerKey);
            bits = (bits + 7) & ~7L;
            return Math.min(bits, Math.min(MAX_BITS, (long) (Integer.MAX_VALUE - 8) << 3));
        }
    }
}
