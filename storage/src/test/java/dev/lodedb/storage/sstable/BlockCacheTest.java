package dev.lodedb.storage.sstable;

import static dev.lodedb.storage.sstable.TableTestSupport.randomEntries;
import static dev.lodedb.storage.sstable.TableTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockCacheTest {
    @TempDir
    Path dir;

    private static Block blockOfSize(int n) {
        BlockBuilder b = new BlockBuilder(16);
        b.add(new byte[] {1}, new byte[Math.max(0, n - 16)]);
        return new Block(b.finish());
    }

    @Test
    void missedRecentlyAdmitsABlockOnItsSecondMiss() {
        BlockCache cache = new BlockCache(1 << 20);
        assertThat(cache.missedRecently(7, 4096)).isFalse();
        assertThat(cache.missedRecently(7, 4096)).isTrue();
        assertThat(cache.missedRecently(8, 4096)).isFalse();
        // a sweep over more blocks than there are slots forgets most of them
        int remembered = 0;
        for (int i = 0; i < 4 * BlockCache.RECENT_MISSES; i++) {
            cache.missedRecently(9, 4096L * i);
        }
        for (int i = 0; i < 4 * BlockCache.RECENT_MISSES; i++) {
            remembered += cache.missedRecently(9, 4096L * i) ? 1 : 0;
        }
        assertThat(remembered).isLessThan(2 * BlockCache.RECENT_MISSES);
    }

    @Test
    void fullOnlyAfterTheFirstEviction() {
        BlockCache cache = new BlockCache(10_000);
        Block b = blockOfSize(1000);
        for (int i = 0; i < 5; i++) {
            cache.put(1, i * 4096L, b);
        }
        cache.cleanUp();
        assertThat(cache.full()).isFalse();
        for (int i = 5; i < 20; i++) {
            cache.put(1, i * 4096L, b);
        }
        cache.cleanUp();
        assertThat(cache.full()).isTrue();
        assertThat(cache.usageBytes()).isLessThanOrEqualTo(10_000);
        cache.invalidateAll();
        assertThat(cache.full()).isFalse();
    }

    @Test
    void usageStaysWithinCapacity() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        long capacity = 100_000;
        BlockCache cache = new BlockCache(capacity);
        for (int i = 0; i < 5_000; i++) {
            Block b = blockOfSize(100 + rnd.nextInt(4000));
            cache.getOrLoad(rnd.nextInt(5), i * 4096L, () -> b);
            assertThat(cache.usageBytes()).as("seed %d after %d loads", seed, i).isLessThanOrEqualTo(capacity);
        }
        assertThat(cache.usageBytes()).isPositive();
        assertThat(cache.capacityBytes()).isEqualTo(capacity);
        assertThat(cache.misses()).isEqualTo(5_000);
    }

    @Test
    void countsHitsAndMisses() {
        BlockCache cache = new BlockCache(1 << 20);
        AtomicInteger loads = new AtomicInteger();
        Block b = blockOfSize(1000);
        BlockCache.Loader loader = () -> {
            loads.incrementAndGet();
            return b;
        };
        assertThat(cache.getOrLoad(1, 0, loader)).isSameAs(b);
        assertThat(cache.getOrLoad(1, 0, loader)).isSameAs(b);
        assertThat(cache.getOrLoad(1, 0, loader)).isSameAs(b);
        assertThat(cache.getOrLoad(2, 0, loader)).isSameAs(b);
        assertThat(loads.get()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.usageBytes()).isEqualTo(2L * (b.size() + BlockCache.ENTRY_OVERHEAD_BYTES));
        assertThat(cache.getIfPresent(3, 0)).isNull();
        assertThat(cache.misses()).isEqualTo(3);
    }

    @Test
    void zeroCapacityNeverCaches() {
        BlockCache cache = new BlockCache(0);
        AtomicInteger loads = new AtomicInteger();
        Block b = blockOfSize(100);
        for (int i = 0; i < 10; i++) {
            assertThat(cache.getOrLoad(1, 0, () -> {
                loads.incrementAndGet();
                return b;
            })).isSameAs(b);
        }
        assertThat(loads.get()).isEqualTo(10);
        assertThat(cache.hits()).isZero();
        assertThat(cache.misses()).isEqualTo(10);
        assertThat(cache.usageBytes()).isZero();
        assertThat(cache.size()).isZero();
        cache.invalidateFile(1);
    }

    @Test
    void invalidateFileDropsOnlyThatFile() {
        BlockCache cache = new BlockCache(1 << 20);
        Block b = blockOfSize(100);
        for (int i = 0; i < 10; i++) {
            cache.put(7, i, b);
            cache.put(8, i, b);
        }
        cache.invalidateFile(7);
        for (int i = 0; i < 10; i++) {
            assertThat(cache.getIfPresent(7, i)).isNull();
            assertThat(cache.getIfPresent(8, i)).isSameAs(b);
        }
    }

    @Test
    void tablesPinIndexAndFilterChargedToTheCacheAndCacheDataBlocks() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 20_000, 20_000);
        Path file = write(dir.resolve("000001.sst"), TableOptions.DEFAULT, model, List.of());
        BlockCache cache = new BlockCache(1 << 20);
        TableStatistics stats = new TableStatistics();
        try (Table t = Table.open(file, 1, cache, stats)) {
            long readsAtOpen = stats.blockReads();
            assertThat(readsAtOpen).as("metaindex, properties, index, filter").isEqualTo(4);
            long pinned = cache.pinnedBytes();
            assertThat(pinned).as("index and filter charged to the cache").isPositive();
            byte[] k = model.firstKey();
            assertThat(t.get(k, true)).isNotNull();
            assertThat(cache.size()).as("only the data block is in the cache").isEqualTo(1);
            assertThat(stats.blockReads()).isEqualTo(readsAtOpen + 1);
            long misses = cache.misses();
            assertThat(t.get(k, true)).isNotNull();
            assertThat(cache.misses()).isEqualTo(misses);
            assertThat(cache.hits()).isEqualTo(1);
            assertThat(stats.blockReads()).isEqualTo(readsAtOpen + 1);
            assertThat(cache.usageBytes()).isGreaterThan(pinned).isLessThanOrEqualTo(cache.capacityBytes());
        }
        assertThat(cache.pinnedBytes()).as("released when the table closes").isZero();
    }

    @Test
    void aCacheTooSmallToPinServesIndexAndFilterLikeAnyBlock() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 20_000, 20_000);
        Path file = write(dir.resolve("000003.sst"), TableOptions.DEFAULT, model, List.of());
        BlockCache cache = new BlockCache(40 << 10); // half of it is less than index + filter (~25 KiB)
        TableStatistics stats = new TableStatistics();
        try (Table t = Table.open(file, 3, cache, stats)) {
            assertThat(cache.pinnedBytes()).isZero();
            assertThat(stats.blockReads()).as("metaindex + properties").isEqualTo(2);
            assertThat(t.get(model.firstKey(), true)).isNotNull();
            assertThat(cache.size()).as("filter, index, data block").isEqualTo(3);
            assertThat(cache.usageBytes()).isLessThanOrEqualTo(cache.capacityBytes());
        }
    }

    @Test
    void fillCacheFalseReadsWithoutInserting() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = randomEntries(rnd, 20_000, 20_000);
        Path file = write(dir.resolve("000002.sst"), TableOptions.DEFAULT, model, List.of());
        BlockCache cache = new BlockCache(1 << 20);
        try (Table t = Table.open(file, 2, cache, new TableStatistics())) {
            List<byte[]> keys = new ArrayList<>(model.keySet());
            for (int i = 0; i < 100; i++) {
                assertThat(t.get(keys.get(rnd.nextInt(keys.size())), false)).as("seed %d", seed).isNotNull();
            }
            try (InternalIterator it = t.newIterator(false)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    it.key();
                }
            }
            assertThat(cache.size()).isZero();
            assertThat(cache.usageBytes()).as("only the pinned index and filter").isEqualTo(cache.pinnedBytes());
        }
    }

    @Test
    void manyTablesStayWithinACacheBound() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        long capacity = 64 << 10;
        BlockCache cache = new BlockCache(capacity);
        TableStatistics stats = new TableStatistics();
        List<Table> tables = new ArrayList<>();
        List<NavigableMap<byte[], byte[]>> models = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                NavigableMap<byte[], byte[]> m = randomEntries(rnd, 5_000, 50_000);
                models.add(m);
                Path file = write(dir.resolve(String.format("%06d.sst", 10 + i)), TableOptions.DEFAULT, m, List.of());
                tables.add(Table.open(file, 10 + i, cache, stats));
            }
            for (int i = 0; i < 5_000; i++) {
                int ti = rnd.nextInt(tables.size());
                byte[] k = models.get(ti).ceilingKey(InternalKey.encode(TableTestSupport.userKey(rnd.nextInt(50_000)),
                        InternalKey.MAX_SEQUENCE, InternalKey.TYPE_FOR_SEEK));
                if (k != null) {
                    assertThat(tables.get(ti).get(k, true)).as("seed %d", seed).isNotNull();
                }
                assertThat(cache.usageBytes()).as("seed %d", seed).isLessThanOrEqualTo(capacity);
            }
            assertThat(cache.hits()).as("seed %d", seed).isPositive();
        } finally {
            tables.forEach(Table::close);
        }
    }
}
