package dev.lodedb.storage.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.CorruptionException;
import dev.lodedb.storage.util.Coding;
import dev.lodedb.storage.util.InternalKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BlockTest {
    private static byte[] randomKey(Random rnd) {
        // Small alphabet and shared prefixes so that prefix compression is exercised.
        int len = rnd.nextInt(12);
        byte[] k = new byte[len];
        for (int i = 0; i < len; i++) {
            k[i] = (byte) (i < 3 ? 'a' + rnd.nextInt(3) : rnd.nextInt(256));
        }
        return k;
    }

    private static Block build(NavigableMap<byte[], byte[]> model, int restartInterval) {
        BlockBuilder b = new BlockBuilder(restartInterval);
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        int estimate = b.currentSizeEstimate();
        byte[] contents = b.finish();
        assertThat(contents).hasSize(estimate);
        return new Block(contents);
    }

    private static NavigableMap<byte[], byte[]> randomModel(Random rnd, int n, Comparator<byte[]> cmp,
                                                            boolean internal) {
        NavigableMap<byte[], byte[]> model = new TreeMap<>(cmp);
        while (model.size() < n) {
            byte[] k = randomKey(rnd);
            if (internal) {
                k = InternalKey.encode(k, rnd.nextInt(1000), rnd.nextInt(2));
            }
            byte[] v = new byte[rnd.nextInt(40)];
            rnd.nextBytes(v);
            model.put(k, v);
        }
        return model;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16})
    void roundTripBytewise(int restartInterval) {
        roundTrip(restartInterval, InternalKey.USER_COMPARATOR, false);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16})
    void roundTripInternalKeys(int restartInterval) {
        roundTrip(restartInterval, InternalKey.COMPARATOR, true);
    }

    @Test
    void roundTripGenericComparator() {
        Comparator<byte[]> reversed = (a, b) -> InternalKey.USER_COMPARATOR.compare(b, a);
        roundTrip(16, reversed, false);
    }

    private void roundTrip(int restartInterval, Comparator<byte[]> cmp, boolean internal) {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomModel(rnd, 1 + rnd.nextInt(2000), cmp, internal);
        Block block = build(model, restartInterval);
        String msg = "seed " + seed + " restartInterval " + restartInterval;

        BlockIterator it = block.iterator(cmp);
        List<byte[]> keys = new ArrayList<>(model.keySet());
        it.seekToFirst();
        for (byte[] k : keys) {
            assertThat(it.isValid()).as(msg).isTrue();
            assertThat(it.key()).as(msg).isEqualTo(k);
            assertThat(it.value()).as(msg).isEqualTo(model.get(k));
            it.next();
        }
        assertThat(it.isValid()).as(msg).isFalse();

        it.seekToLast();
        for (int i = keys.size() - 1; i >= 0; i--) {
            assertThat(it.isValid()).as(msg).isTrue();
            assertThat(it.key()).as(msg).isEqualTo(keys.get(i));
            assertThat(it.value()).as(msg).isEqualTo(model.get(keys.get(i)));
            it.prev();
        }
        assertThat(it.isValid()).as(msg).isFalse();

        // Seek hits.
        for (byte[] k : keys) {
            it.seek(k);
            assertThat(it.isValid()).as(msg).isTrue();
            assertThat(it.key()).as(msg).isEqualTo(k);
        }
        // Seek misses (random targets), then step both ways.
        for (int i = 0; i < 2000; i++) {
            byte[] target = randomKey(rnd);
            if (internal) {
                target = InternalKey.encode(target, rnd.nextInt(1000), InternalKey.TYPE_FOR_SEEK);
            }
            it.seek(target);
            byte[] expected = model.ceilingKey(target);
            if (expected == null) {
                assertThat(it.isValid()).as(msg).isFalse();
                continue;
            }
            assertThat(it.key()).as(msg).isEqualTo(expected);
            if (rnd.nextBoolean()) {
                it.prev();
                byte[] before = model.lowerKey(expected);
                if (before == null) {
                    assertThat(it.isValid()).as(msg).isFalse();
                } else {
                    assertThat(it.key()).as(msg).isEqualTo(before);
                    it.next();
                    assertThat(it.key()).as(msg).isEqualTo(expected);
                }
            } else {
                it.next();
                byte[] after = model.higherKey(expected);
                if (after == null) {
                    assertThat(it.isValid()).as(msg).isFalse();
                } else {
                    assertThat(it.key()).as(msg).isEqualTo(after);
                }
            }
        }
    }

    @Test
    void emptyBlock() {
        BlockBuilder b = new BlockBuilder(16);
        assertThat(b.isEmpty()).isTrue();
        byte[] contents = b.finish();
        assertThat(contents).hasSize(8);
        BlockIterator it = new Block(contents).iterator(InternalKey.USER_COMPARATOR);
        it.seekToFirst();
        assertThat(it.isValid()).isFalse();
        it.seekToLast();
        assertThat(it.isValid()).isFalse();
        it.seek(new byte[] {1});
        assertThat(it.isValid()).isFalse();
        assertThatThrownBy(it::key).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderResetsAndRejectsAddAfterFinish() {
        BlockBuilder b = new BlockBuilder(2);
        b.add(new byte[] {1}, new byte[] {10});
        byte[] first = b.finish();
        assertThatThrownBy(() -> b.add(new byte[] {2}, new byte[0])).isInstanceOf(IllegalStateException.class);
        b.reset();
        assertThat(b.isEmpty()).isTrue();
        b.add(new byte[] {1}, new byte[] {10});
        assertThat(b.finish()).isEqualTo(first);
        assertThatThrownBy(() -> new BlockBuilder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixCompressionSharesBytes() {
        BlockBuilder b = new BlockBuilder(16);
        b.add("prefix-000001".getBytes(), new byte[0]);
        b.add("prefix-000002".getBytes(), new byte[0]);
        // second entry: shared 12, non_shared 1, value_len 0, 1 key byte
        byte[] c = b.finish();
        assertThat(c).hasSize((3 + 13) + (3 + 1) + 4 + 4);
        assertThat(c[16]).isEqualTo((byte) 12);
    }

    @Test
    void malformedEntryIsCorruption() {
        BlockBuilder b = new BlockBuilder(16);
        b.add("key1".getBytes(), "value1".getBytes());
        b.add("key2".getBytes(), "value2".getBytes());
        byte[] c = b.finish();
        c[2] = 100; // value length of the first entry runs past the entries
        Path file = Path.of("000007.sst");
        BlockIterator it = new Block(c, c.length, file, 4242).iterator(InternalKey.USER_COMPARATOR);
        assertThatThrownBy(it::seekToFirst)
                .isInstanceOfSatisfying(CorruptionException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.offset()).isEqualTo(4242);
                })
                .hasMessageContaining("malformed block entry");
    }

    @Test
    void restartEntryWithSharedPrefixIsCorruption() {
        BlockBuilder b = new BlockBuilder(1);
        for (int i = 0; i < 8; i++) {
            b.add(("key" + i).getBytes(), new byte[0]);
        }
        byte[] c = b.finish();
        int restart4 = Coding.getInt(c, c.length - 4 - 4 * 8 + 4 * 4);
        c[restart4] = 2; // a restart entry must not share a prefix
        BlockIterator it = new Block(c).iterator(InternalKey.USER_COMPARATOR);
        assertThatThrownBy(() -> it.seek("key5".getBytes())).isInstanceOf(CorruptionException.class);
    }

    @Test
    void badRestartArrayIsCorruption() {
        byte[] c = new BlockBuilder(16).finish();
        Coding.putInt(c, 4, 1000);
        assertThatThrownBy(() -> new Block(c)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("restart count");
        assertThatThrownBy(() -> new Block(new byte[3])).isInstanceOf(CorruptionException.class);
        byte[] d = new BlockBuilder(16).finish();
        Coding.putInt(d, 0, 77);
        assertThatThrownBy(() -> new Block(d)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("restart point");
    }
}
