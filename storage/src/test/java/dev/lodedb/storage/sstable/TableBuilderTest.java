package dev.lodedb.storage.sstable;

import static dev.lodedb.storage.sstable.TableTestSupport.randomEntries;
import static dev.lodedb.storage.sstable.TableTestSupport.userKey;
import static dev.lodedb.storage.sstable.TableTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableBuilderTest {
    @TempDir
    Path dir;

    private static byte[] ikey(String user, long seq, int type) {
        return InternalKey.encode(user.getBytes(StandardCharsets.UTF_8), seq, type);
    }

    @Test
    void rejectsKeysOutOfOrderOrDuplicate() throws IOException {
        Path file = dir.resolve("000001.sst");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            TableBuilder b = new TableBuilder(file, ch, TableOptions.DEFAULT);
            b.add(ikey("b", 5, 1), new byte[0]);
            assertThatThrownBy(() -> b.add(ikey("a", 5, 1), new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
            assertThatThrownBy(() -> b.add(ikey("b", 5, 1), new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class);
            // Same user key, higher sequence sorts first, so it is out of order here.
            assertThatThrownBy(() -> b.add(ikey("b", 6, 1), new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.add(new byte[3], new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class);
            b.add(ikey("b", 4, 1), new byte[0]);
            assertThatThrownBy(() -> b.addRangeTombstone(new byte[] {2}, new byte[] {1}, 3))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.addRangeTombstone(new byte[] {1}, new byte[] {1}, 3))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.addRangeTombstone(new byte[] {1}, new byte[] {2}, -1))
                    .isInstanceOf(IllegalArgumentException.class);
            b.finish();
            assertThatThrownBy(() -> b.add(ikey("c", 1, 1), new byte[0])).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(b::finish).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void abandonRefusesFurtherCalls() throws IOException {
        Path file = dir.resolve("000002.sst");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            TableBuilder b = new TableBuilder(file, ch, TableOptions.DEFAULT.withCompression(CompressionType.ZSTD));
            b.add(ikey("a", 1, 1), "v".getBytes(StandardCharsets.UTF_8));
            b.abandon();
            b.abandon();
            assertThatThrownBy(b::finish).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void channelMustStartAtZero() throws IOException {
        Path file = dir.resolve("000003.sst");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[10]));
            assertThatThrownBy(() -> new TableBuilder(file, ch, TableOptions.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rangeTombstonesRoundTripSorted() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        List<RangeTombstone> tombstones = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int a = rnd.nextInt(1000);
            int len = 1 + rnd.nextInt(50);
            tombstones.add(new RangeTombstone(userKey(a), userKey(a + len), rnd.nextInt(1_000_000)));
        }
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 2_000, 1_000);
        Path file = write(dir.resolve("000004.sst"), TableOptions.DEFAULT, model, tombstones);

        List<RangeTombstone> expected = new ArrayList<>(tombstones);
        expected.sort(Comparator.comparing(
                t -> InternalKey.encode(t.start(), t.sequence(), InternalKey.TYPE_RANGE_DELETION),
                InternalKey.COMPARATOR));
        try (Table t = Table.open(file, 4, new BlockCache(1 << 20), new TableStatistics())) {
            assertThat(t.rangeTombstones()).as("seed %d", seed).containsExactlyElementsOf(expected);
            assertThat(t.properties().numRangeDeletions()).isEqualTo(500);
            // Tombstones do not show up as point entries.
            TableTest.checkAgainstModel(t, model, rnd, "seed " + seed);
        }
    }

    @Test
    void tableWithOnlyRangeTombstones() {
        List<RangeTombstone> ts = List.of(new RangeTombstone(userKey(5), userKey(9), 77),
                new RangeTombstone(userKey(1), userKey(3), 70));
        Path file = write(dir.resolve("000005.sst"), TableOptions.DEFAULT, Map.of(), ts);
        try (Table t = Table.open(file, 5, new BlockCache(1 << 20), new TableStatistics())) {
            assertThat(t.rangeTombstones()).containsExactly(ts.get(1), ts.get(0));
            assertThat(t.properties().smallestSequence()).isEqualTo(70);
            assertThat(t.properties().largestSequence()).isEqualTo(77);
            assertThat(t.get(InternalKey.encode(userKey(6), 100, InternalKey.TYPE_FOR_SEEK), true)).isNull();
            InternalIterator it = t.newIterator(true);
            it.seekToFirst();
            assertThat(it.isValid()).isFalse();
        }
    }

    @Test
    void propertiesDescribeTheTable() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 10_000, 8_000);
        long rawKeys = 0;
        long rawValues = 0;
        long deletions = 0;
        long minSeq = Long.MAX_VALUE;
        long maxSeq = 0;
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            rawKeys += e.getKey().length;
            rawValues += e.getValue().length;
            deletions += InternalKey.type(e.getKey()) == InternalKey.TYPE_DELETION ? 1 : 0;
            minSeq = Math.min(minSeq, InternalKey.sequence(e.getKey()));
            maxSeq = Math.max(maxSeq, InternalKey.sequence(e.getKey()));
        }
        List<RangeTombstone> ts = List.of(new RangeTombstone(userKey(1), userKey(2), 2_000_000));
        long before = System.currentTimeMillis();
        TableOptions opts = new TableOptions(8192, 8, 12, CompressionType.ZSTD);
        Path file = write(dir.resolve("000006.sst"), opts, model, ts);
        long after = System.currentTimeMillis();
        try (Table t = Table.open(file, 6, new BlockCache(1 << 20), new TableStatistics())) {
            TableProperties p = t.properties();
            String msg = "seed " + seed + " " + p;
            assertThat(p.formatVersion()).as(msg).isEqualTo(1);
            assertThat(p.numEntries()).as(msg).isEqualTo(model.size());
            assertThat(p.numDeletions()).as(msg).isEqualTo(deletions);
            assertThat(p.numRangeDeletions()).as(msg).isEqualTo(1);
            assertThat(p.rawKeySize()).as(msg).isEqualTo(rawKeys);
            assertThat(p.rawValueSize()).as(msg).isEqualTo(rawValues);
            assertThat(p.smallestSequence()).as(msg).isEqualTo(minSeq);
            assertThat(p.largestSequence()).as(msg).isEqualTo(2_000_000);
            assertThat(maxSeq).isLessThan(2_000_000);
            assertThat(p.compressionName()).as(msg).isEqualTo("ZSTD");
            assertThat(p.filterPolicy()).as(msg).isEqualTo(TableProperties.BLOOM_POLICY_NAME);
            assertThat(p.getLong(TableProperties.FILTER_BITS_PER_KEY)).isEqualTo(12);
            assertThat(p.getLong(TableProperties.BLOCK_SIZE)).isEqualTo(8192);
            assertThat(p.getLong(TableProperties.RESTART_INTERVAL)).isEqualTo(8);
            assertThat(p.creationTimeMillis()).as(msg).isBetween(before, after);
            assertThat(p.numDataBlocks()).as(msg).isPositive();
            assertThat(p.dataSize()).as(msg).isPositive();
            assertThat(p.indexSize()).as(msg).isEqualTo(t.footer().indexHandle().size() + 5);
            // Filter: ~12 bits per distinct user key, plus the k byte and the trailer.
            long distinct = model.keySet().stream().map(k -> new String(InternalKey.userKey(k))).distinct().count();
            assertThat(p.filterSize()).as(msg).isEqualTo((distinct * 12 + 7) / 8 + 1 + 5);
            assertThat(p.dataSize() + p.indexSize() + p.filterSize() + Footer.ENCODED_LENGTH)
                    .as(msg).isLessThan(t.fileSize());
            assertThat(p.asMap()).containsKeys(TableProperties.NUM_ENTRIES, TableProperties.CREATION_TIME_MS);
        }
    }

    @Test
    void separatorsLieBetweenBlocks() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        TreeMap<byte[], byte[]> sorted = new TreeMap<>(InternalKey.COMPARATOR);
        for (int i = 0; i < 20_000; i++) {
            byte[] uk = new byte[rnd.nextInt(6)];
            for (int j = 0; j < uk.length; j++) {
                uk[j] = (byte) (rnd.nextInt(4) == 0 ? 0xff : rnd.nextInt(256));
            }
            sorted.put(InternalKey.encode(uk, rnd.nextInt(100), rnd.nextInt(2)), new byte[0]);
        }
        byte[] prev = null;
        for (byte[] k : sorted.keySet()) {
            if (prev != null) {
                byte[] sep = TableBuilder.shortestSeparator(prev, prev.length, k);
                assertThat(InternalKey.COMPARATOR.compare(prev, sep)).as("seed %d", seed).isLessThanOrEqualTo(0);
                assertThat(InternalKey.COMPARATOR.compare(sep, k)).as("seed %d", seed).isLessThan(0);
            }
            byte[] succ = TableBuilder.shortSuccessor(k, k.length);
            assertThat(InternalKey.COMPARATOR.compare(k, succ)).as("seed %d", seed).isLessThanOrEqualTo(0);
            prev = k;
        }
        byte[] sep = TableBuilder.shortestSeparator(ikey("abcdefg", 5, 1), ikey("abcdefg", 5, 1).length,
                ikey("abzzz", 3, 1));
        assertThat(InternalKey.userKey(sep)).isEqualTo("abd".getBytes(StandardCharsets.UTF_8));
        assertThat(InternalKey.sequence(sep)).isEqualTo(InternalKey.MAX_SEQUENCE);
        assertThat(InternalKey.type(sep)).isEqualTo(InternalKey.TYPE_FOR_SEEK);
        byte[] succ = TableBuilder.shortSuccessor(ikey("abc", 5, 1), ikey("abc", 5, 1).length);
        assertThat(InternalKey.userKey(succ)).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
    }
}
