package dev.lodedb.storage.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BloomFilterTest {
    private static byte[] key(long i, long salt) {
        return ("user-" + salt + "-" + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noFalseNegativesAndFalsePositiveRateNearTheory() {
        long seed = TestSeeds.seed();
        long salt = new Random(seed).nextLong();
        int n = 100_000;
        BloomFilter.Builder b = new BloomFilter.Builder(10);
        for (int i = 0; i < n; i++) {
            b.addKey(key(i, salt));
        }
        assertThat(b.numKeys()).isEqualTo(n);
        byte[] serialized = b.finish();
        assertThat(serialized).hasSize(n * 10 / 8 + 1);
        BloomFilter f = new BloomFilter(serialized);
        assertThat(f.numProbes()).isEqualTo(7);
        for (int i = 0; i < n; i++) {
            assertThat(f.mayContain(key(i, salt))).as("seed %d key %d", seed, i).isTrue();
        }
        int fp = 0;
        for (int i = n; i < 2 * n; i++) {
            if (f.mayContain(key(i, salt))) {
                fp++;
            }
        }
        double rate = fp / (double) n;
        assertThat(rate).as("seed %d: false-positive rate", seed).isBetween(0.005, 0.02);
    }

    @Test
    void probesFollowBitsPerKey() {
        assertThat(BloomFilter.numProbes(10)).isEqualTo(7);
        assertThat(BloomFilter.numProbes(1)).isEqualTo(1);
        assertThat(BloomFilter.numProbes(5)).isEqualTo(3);
        assertThat(BloomFilter.numProbes(64)).isEqualTo(30);
    }

    @Test
    void emptyFilterRejectsEverything() {
        byte[] f = new BloomFilter.Builder(10).finish();
        assertThat(f).hasSize(64 / 8 + 1);
        assertThat(new BloomFilter(f).mayContain("x".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void reservedProbeCountsMeanMaybe() {
        byte[] f = new byte[9];
        f[8] = 0;
        assertThat(new BloomFilter(f).mayContain(new byte[] {1})).isTrue();
        f[8] = 31;
        assertThat(new BloomFilter(f).mayContain(new byte[] {1})).isTrue();
        assertThat(new BloomFilter(new byte[0]).mayContain(new byte[] {1})).isTrue();
    }

    @Test
    void staticProbeOnSubrangeMatchesInstance() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        BloomFilter.Builder b = new BloomFilter.Builder(8);
        byte[][] keys = new byte[1000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new byte[1 + rnd.nextInt(20)];
            rnd.nextBytes(keys[i]);
            b.addKey(keys[i]);
        }
        byte[] f = b.finish();
        byte[] padded = new byte[f.length + 10];
        System.arraycopy(f, 0, padded, 5, f.length);
        for (int i = 0; i < 2000; i++) {
            byte[] k = i < keys.length ? keys[i] : new byte[] {(byte) i, (byte) (i >> 8), 7};
            byte[] withTrailer = java.util.Arrays.copyOf(k, k.length + 8);
            boolean expected = new BloomFilter(f).mayContain(k);
            assertThat(BloomFilter.mayContain(padded, 5, f.length, withTrailer, 0, k.length))
                    .as("seed %d", seed).isEqualTo(expected);
            if (i < keys.length) {
                assertThat(expected).as("seed %d", seed).isTrue();
            }
        }
    }

    @Test
    void consecutiveDuplicatesCountOnce() {
        BloomFilter.Builder b = new BloomFilter.Builder(10);
        b.addKey("a".getBytes(StandardCharsets.UTF_8));
        b.addKey("a".getBytes(StandardCharsets.UTF_8));
        b.addKey("b".getBytes(StandardCharsets.UTF_8));
        assertThat(b.numKeys()).isEqualTo(2);
    }
}
