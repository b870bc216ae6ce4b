package dev.lodedb.storage.sstable;

import static dev.lodedb.storage.sstable.TableTestSupport.randomEntries;
import static dev.lodedb.storage.sstable.TableTestSupport.userKey;
import static dev.lodedb.storage.sstable.TableTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void roundTrip100kKeys(CompressionType compression) {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        String msg = "seed " + seed + ", " + compression;
        int userKeys = 70_000;
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 100_000, userKeys);
        TableOptions opts = TableOptions.DEFAULT.withCompression(compression);
        Path file = write(dir.resolve("000001.sst"), opts, model, List.of());

        TableStatistics stats = new TableStatistics();
        try (Table t = Table.open(file, 1, new BlockCache(64 << 20), stats)) {
            assertThat(t.properties().numEntries()).as(msg).isEqualTo(model.size());
            assertThat(t.properties().compressionName()).as(msg).isEqualTo(compression.name());
            if (compression != CompressionType.NONE) {
                assertThat(t.properties().dataSize()).as(msg + ": compression shrinks data")
                        .isLessThan(t.properties().rawKeySize() + t.properties().rawValueSize());
            }
            checkAgainstModel(t, model, rnd, msg);

            // Newest version of each user key, and versions visible at random sequences.
            Set<String> present = new HashSet<>();
            for (byte[] k : model.keySet()) {
                present.add(new String(InternalKey.userKey(k)));
            }
            for (int i = 0; i < 20_000; i++) {
                byte[] uk = userKey(rnd.nextInt(userKeys));
                long seq = rnd.nextBoolean() ? InternalKey.MAX_SEQUENCE : rnd.nextInt(1_000_000);
                byte[] lookup = InternalKey.encode(uk, seq, InternalKey.TYPE_FOR_SEEK);
                Map.Entry<byte[], byte[]> expected = model.ceilingEntry(lookup);
                Table.Entry got = t.get(lookup, true);
                if (expected == null || !InternalKey.sameUserKey(expected.getKey(), lookup)) {
                    assertThat(got).as(msg).isNull();
                } else {
                    assertThat(got).as(msg).isNotNull();
                    assertThat(got.key()).as(msg).isEqualTo(expected.getKey());
                    assertThat(got.value()).as(msg).isEqualTo(expected.getValue());
                }
            }

            // Absent user keys: the filter should reject almost all of them.
            long usefulBefore = stats.bloomUseful();
            long fpBefore = stats.bloomFalsePositive();
            int absent = 0;
            for (int i = 0; i < 20_000; i++) {
                byte[] uk = userKey(userKeys + rnd.nextInt(userKeys));
                absent++;
                assertThat(t.get(InternalKey.encode(uk, InternalKey.MAX_SEQUENCE, InternalKey.TYPE_FOR_SEEK), true))
                        .as(msg).isNull();
            }
            long useful = stats.bloomUseful() - usefulBefore;
            long fps = stats.bloomFalsePositive() - fpBefore;
            assertThat(useful + fps).as(msg).isEqualTo(absent);
            assertThat(fps).as(msg).isLessThan(absent / 20);
            assertThat(present).as(msg).isNotEmpty();
        }
    }

    @Test
    void manySmallBlocksWithoutFilter() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 5_000, 3_000);
        TableOptions opts = new TableOptions(256, 1, 0, CompressionType.LZ4);
        Path file = write(dir.resolve("000002.sst"), opts, model, List.of());
        TableStatistics stats = new TableStatistics();
        try (Table t = Table.open(file, 2, new BlockCache(0), stats)) {
            assertThat(t.properties().numDataBlocks()).as("seed %d", seed).isGreaterThan(100);
            assertThat(t.properties().filterSize()).isZero();
            assertThat(t.properties().filterPolicy()).isEmpty();
            checkAgainstModel(t, model, rnd, "seed " + seed);
            assertThat(stats.bloomChecked()).isZero();
        }
    }

    /** Gets of every key, absent gets, full scans both ways, random seeks with steps. */
    static void checkAgainstModel(Table t, NavigableMap<byte[], byte[]> model, Random rnd, String msg) {
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            Table.Entry got = t.get(e.getKey(), rnd.nextBoolean());
            assertThat(got).as(msg + " get " + InternalKey.toString(e.getKey())).isNotNull();
            assertThat(got.key()).as(msg).isEqualTo(e.getKey());
            assertThat(got.value()).as(msg).isEqualTo(e.getValue());
        }
        List<byte[]> keys = new ArrayList<>(model.keySet());
        try (InternalIterator it = t.newIterator(true)) {
            int i = 0;
            for (it.seekToFirst(); it.isValid(); it.next()) {
                assertThat(it.key()).as(msg + " forward " + i).isEqualTo(keys.get(i));
                assertThat(it.value()).as(msg).isEqualTo(model.get(keys.get(i)));
                i++;
            }
            assertThat(i).as(msg).isEqualTo(keys.size());
            i = keys.size() - 1;
            for (it.seekToLast(); it.isValid(); it.prev()) {
                assertThat(it.key()).as(msg + " backward " + i).isEqualTo(keys.get(i));
                i--;
            }
            assertThat(i).as(msg).isEqualTo(-1);
            for (int s = 0; s < 5_000; s++) {
                byte[] target = keys.get(rnd.nextInt(keys.size()));
                if (rnd.nextBoolean()) {
                    byte[] uk = InternalKey.userKey(target);
                    uk[uk.length - 1] += (byte) (rnd.nextInt(3) - 1);
                    target = InternalKey.encode(uk, rnd.nextInt(1_000_001), InternalKey.TYPE_FOR_SEEK);
                }
                it.seek(target);
                byte[] expected = model.ceilingKey(target);
                if (expected == null) {
                    assertThat(it.isValid()).as(msg).isFalse();
                    continue;
                }
                assertThat(it.key()).as(msg + " seek " + InternalKey.toString(target)).isEqualTo(expected);
                byte[] k = expected;
                boolean forward = rnd.nextBoolean();
                for (int step = 0; step < 20 && k != null; step++) {
                    if (forward) {
                        it.next();
                        k = model.higherKey(k);
                    } else {
                        it.prev();
                        k = model.lowerKey(k);
                    }
                    if (k == null) {
                        assertThat(it.isValid()).as(msg).isFalse();
                    } else {
                        assertThat(it.key()).as(msg + " step").isEqualTo(k);
                    }
                }
            }
        }
        // Past the end and before the beginning.
        byte[] last = keys.get(keys.size() - 1);
        byte[] beyond = InternalKey.encode(userKey(Integer.MAX_VALUE), 0, 0);
        try (InternalIterator it = t.newIterator(false)) {
            it.seek(beyond);
            assertThat(it.isValid()).as(msg).isFalse();
            it.seek(new byte[InternalKey.TRAILER_SIZE]);
            assertThat(it.key()).as(msg).isEqualTo(keys.get(0));
        }
        assertThat(t.get(beyond, false)).as(msg).isNull();
        assertThat(t.approximateOffsetOf(beyond)).as(msg).isGreaterThanOrEqualTo(t.approximateOffsetOf(last));
    }

    @Test
    void emptyTable() {
        Path file = write(dir.resolve("000003.sst"), TableOptions.DEFAULT, Map.of(), List.of());
        try (Table t = Table.open(file, 3, new BlockCache(1 << 20), new TableStatistics())) {
            assertThat(t.properties().numEntries()).isZero();
            assertThat(t.properties().numDataBlocks()).isZero();
            assertThat(t.get(InternalKey.encode(userKey(1), 5, 1), true)).isNull();
            InternalIterator it = t.newIterator(true);
            it.seekToFirst();
            assertThat(it.isValid()).isFalse();
            it.seekToLast();
            assertThat(it.isValid()).isFalse();
            it.seek(InternalKey.encode(userKey(1), 5, 1));
            assertThat(it.isValid()).isFalse();
            assertThat(t.rangeTombstones()).isEmpty();
            assertThat(t.approximateOffsetOf(InternalKey.encode(userKey(1), 5, 1))).isBetween(0L, t.fileSize());
        }
    }

    @Test
    void approximateOffsetsGrowWithKeys() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 20_000, 20_000);
        Path file = write(dir.resolve("000004.sst"), TableOptions.DEFAULT.withCompression(CompressionType.NONE),
                model, List.of());
        try (Table t = Table.open(file, 4, new BlockCache(1 << 20), new TableStatistics())) {
            long prev = -1;
            for (byte[] k : model.keySet()) {
                long off = t.approximateOffsetOf(k);
                assertThat(off).as("seed %d", seed).isGreaterThanOrEqualTo(prev).isLessThan(t.fileSize());
                prev = off;
            }
            assertThat(t.approximateOffsetOf(model.firstKey())).isZero();
            // Past the index's last separator (the short successor "l" of "key..."): end of data.
            byte[] beyond = InternalKey.encode(new byte[] {(byte) 0xff}, 0, 0);
            assertThat(t.approximateOffsetOf(beyond)).isEqualTo(t.properties().dataSize());
        }
    }
}
