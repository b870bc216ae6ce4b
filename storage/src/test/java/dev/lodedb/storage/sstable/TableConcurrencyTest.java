package dev.lodedb.storage.sstable;

import static dev.lodedb.storage.sstable.TableTestSupport.randomEntries;
import static dev.lodedb.storage.sstable.TableTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.util.InternalIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentReadersSeeConsistentData() throws Exception {
        long seed = TestSeeds.seed();
        NavigableMap<byte[], byte[]> model = randomEntries(new Random(seed), 30_000, 20_000);
        Path file = write(dir.resolve("000001.sst"), TableOptions.DEFAULT, model, List.of());
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(model.entrySet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        // A small cache so that threads race on misses, inserts and evictions.
        try (Table t = Table.open(file, 1, new BlockCache(32 << 10), new TableStatistics())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int th = 0; th < 8; th++) {
                long threadSeed = seed + th;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(threadSeed);
                    for (int i = 0; i < 5_000; i++) {
                        Map.Entry<byte[], byte[]> e = entries.get(rnd.nextInt(entries.size()));
                        Table.Entry got = t.get(e.getKey(), rnd.nextBoolean());
                        assertThat(got).as("seed %d", seed).isNotNull();
                        assertThat(got.value()).as("seed %d", seed).isEqualTo(e.getValue());
                    }
                    try (InternalIterator it = t.newIterator(true)) {
                        int n = 0;
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            n++;
                        }
                        assertThat(n).as("seed %d", seed).isEqualTo(entries.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interruptedReaderDoesNotBreakTheTable() {
        long seed = TestSeeds.seed();
        NavigableMap<byte[], byte[]> model = randomEntries(new Random(seed), 2_000, 2_000);
        Path file = write(dir.resolve("000002.sst"), TableOptions.DEFAULT, model, List.of());
        try (Table t = Table.open(file, 2, new BlockCache(0), new TableStatistics())) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> t.get(model.firstKey(), false))
                        .isInstanceOf(StoreException.class).hasMessageContaining("interrupted");
            } finally {
                Thread.interrupted();
            }
            // The JDK closed the channel on interrupt; the table reopened it.
            assertThat(t.get(model.firstKey(), false)).isNotNull();
            assertThat(t.get(model.lastKey(), false)).isNotNull();
        }
    }
}
