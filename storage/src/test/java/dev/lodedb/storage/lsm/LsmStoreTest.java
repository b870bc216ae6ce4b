package dev.lodedb.storage.lsm;

import static dev.lodedb.storage.lsm.LsmTestSupport.b;
import static dev.lodedb.storage.lsm.LsmTestSupport.keys;
import static dev.lodedb.storage.lsm.LsmTestSupport.s;
import static dev.lodedb.storage.lsm.LsmTestSupport.smallOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.sstable.CompressionType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the LSM store across its memtable, flush and compaction paths. */
class LsmStoreTest {
    @TempDir
    Path dir;

    @Test
    void putGetDeleteSurviveFlushCompactionAndReopen() {
        TreeMap<String, String> model = new TreeMap<>();
        Random rnd = new Random(42);
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            for (int i = 0; i < 20_000; i++) {
                String k = String.format("key%05d", rnd.nextInt(5000));
                if (rnd.nextInt(10) == 0) {
                    store.delete(b(k));
                    model.remove(k);
                } else {
                    String v = "v" + i + "-".repeat(rnd.nextInt(50));
                    store.put(b(k), b(v));
                    model.put(k, v);
                }
            }
            Map<String, Long> p = store.properties();
            assertThat(p.get("flush.count")).as("flushes").isPositive();
            assertThat(p.get("compaction.count") + p.get("compaction.trivial-moves")).as("compactions").isPositive();
            check(store, model);
        }
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            check(store, model);
            store.compactRange(null, null);
            check(store, model);
            assertThat(store.properties().get("level.0.files")).isZero();
        }
    }

    private static void check(LsmStore store, TreeMap<String, String> model) {
        for (int i = 0; i < 5000; i++) {
            String k = String.format("key%05d", i);
            assertThat(s(store.get(b(k)))).as(k).isEqualTo(model.get(k));
        }
        try (StoreIterator it = store.newIterator()) {
            assertThat(keys(it)).containsExactlyElementsOf(model.keySet());
        }
        List<String> reversed = new ArrayList<>();
        try (StoreIterator it = store.newIterator()) {
            for (it.seekToLast(); it.isValid(); it.prev()) {
                reversed.add(s(it.key()));
            }
        }
        assertThat(reversed).containsExactlyElementsOf(model.descendingKeySet());
    }

    /**
     * Iterators share the fragmented range tombstones of a super version while the memtable's
     * tombstones stay the same: a tombstone added later (same super version, no flush) hides its
     * keys from the next iterator, and a snapshot older than the newest tombstone still sees them.
     */
    @Test
    void iteratorsSeeRangeTombstonesAddedSinceTheLastIterator() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            for (int i = 1; i <= 6; i++) {
                store.put(b("k" + i), b("v" + i));
            }
            try (StoreIterator it = store.newIterator()) {
                assertThat(keys(it)).containsExactly("k1", "k2", "k3", "k4", "k5", "k6");
            }
            store.deleteRange(b("k2"), b("k4"));
            for (int round = 0; round < 2; round++) { // the second round reads the kept fragments
                try (StoreIterator it = store.newIterator()) {
                    assertThat(keys(it)).containsExactly("k1", "k4", "k5", "k6");
                }
            }
            Snapshot before = store.getSnapshot();
            store.deleteRange(b("k4"), b("k6"));
            try (StoreIterator it = store.newIterator(ReadOptions.at(before))) {
                assertThat(keys(it)).containsExactly("k1", "k4", "k5", "k6");
            }
            try (StoreIterator it = store.newIterator()) {
                assertThat(keys(it)).containsExactly("k1", "k6");
            }
            try (StoreIterator it = store.newIterator(ReadOptions.at(before))) {
                assertThat(keys(it)).containsExactly("k1", "k4", "k5", "k6");
            }
            store.put(b("k3"), b("again"));
            try (StoreIterator it = store.newIterator()) {
                assertThat(keys(it)).containsExactly("k1", "k3", "k6");
            }
            before.close();
        }
    }

    @Test
    void rangeDeleteHidesKeysAtEveryLevelAndRespectsSnapshots() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            for (int i = 0; i < 3000; i++) {
                store.put(b(String.format("t1/%05d", i)), b("x".repeat(40)));
                store.put(b(String.format("t2/%05d", i)), b("y".repeat(40)));
            }
            store.compactRange(null, null); // data now in the deeper levels
            store.put(b("t1/00010"), b("memtable"));
            Snapshot before = store.getSnapshot();
            store.deleteRange(b("t1/"), b("t10"));
            store.put(b("t1/00020"), b("after"));
            assertThat(store.get(b("t1/00010"))).isNull();
            assertThat(s(store.get(b("t1/00020")))).isEqualTo("after");
            assertThat(s(store.get(ReadOptions.at(before), b("t1/00010")))).isEqualTo("memtable");
            assertThat(s(store.get(ReadOptions.at(before), b("t1/00500")))).hasSize(40);
            try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(b("t1/"), b("t2/")))) {
                assertThat(keys(it)).containsExactly("t1/00020");
            }
            try (StoreIterator it = store.newIterator(ReadOptions.at(before).withBounds(b("t1/"), b("t2/")))) {
                assertThat(keys(it)).hasSize(3000);
            }
            store.flush();
            assertThat(store.get(b("t1/00010"))).isNull();
            store.compactRange(null, null);
            // The snapshot still sees the old data after compaction.
            assertThat(s(store.get(ReadOptions.at(before), b("t1/02999")))).hasSize(40);
            before.close();
            store.compactRange(null, null);
            try (StoreIterator it = store.newIterator()) {
                List<String> k = keys(it);
                assertThat(k).hasSize(3001).contains("t1/00020", "t2/00000", "t2/02999");
            }
            long sst = store.properties().get("sst.bytes");
            assertThat(sst).as("deleted range reclaimed").isLessThan(3000L * 50 * 2);
        }
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            assertThat(store.get(b("t1/00011"))).isNull();
            assertThat(s(store.get(b("t2/00011")))).hasSize(40);
        }
    }

    @Test
    void rangeTombstoneSurvivesFlushBeforeCompaction() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            for (int i = 0; i < 100; i++) {
                store.put(b(String.format("k%03d", i)), b("v"));
            }
            store.flush();
            store.deleteRange(b("k010"), b("k020"));
            store.flush();
            try (StoreIterator it = store.newIterator()) {
                assertThat(keys(it)).hasSize(90).doesNotContain("k010", "k019").contains("k009", "k020");
            }
            assertThat(store.get(b("k015"))).isNull();
        }
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            assertThat(store.get(b("k015"))).isNull();
            assertThat(store.get(b("k020"))).isNotNull();
        }
    }

    @Test
    void retainedSnapshotOutlivesTheOneItWasTakenFrom() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            store.put(b("a"), b("1"));
            Snapshot first = store.getSnapshot();
            store.put(b("a"), b("2"));
            Snapshot second = store.retainSnapshot(first);
            assertThat(second.sequence()).isEqualTo(first.sequence());
            store.releaseSnapshot(first);
            for (int i = 0; i < 5000; i++) {
                store.put(b("filler" + i), b("z".repeat(30)));
            }
            store.compactRange(null, null);
            assertThat(s(store.get(ReadOptions.at(second), b("a")))).isEqualTo("1");
            assertThat(store.properties().get("snapshots.count")).isEqualTo(1);
            assertThatThrownBy(() -> store.retainSnapshot(first)).isInstanceOf(IllegalStateException.class);
            store.releaseSnapshot(second);
            assertThat(store.properties().get("snapshots.count")).isZero();
        }
    }

    @Test
    void snapshotKeepsOldVersionsThroughCompaction() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            store.put(b("a"), b("1"));
            Snapshot s1 = store.getSnapshot();
            store.put(b("a"), b("2"));
            store.delete(b("a"));
            for (int i = 0; i < 5000; i++) {
                store.put(b("filler" + i), b("z".repeat(30)));
            }
            store.compactRange(null, null);
            assertThat(s(store.get(ReadOptions.at(s1), b("a")))).isEqualTo("1");
            assertThat(store.get(b("a"))).isNull();
            assertThat(store.properties().get("snapshots.count")).isEqualTo(1);
            store.releaseSnapshot(s1);
            store.releaseSnapshot(s1); // idempotent
            assertThat(store.properties().get("snapshots.count")).isZero();
            assertThatThrownBy(() -> store.get(ReadOptions.at(s1), b("a"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void iteratorKeepsItsViewWhileWritesAndCompactionsContinue() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            for (int i = 0; i < 2000; i++) {
                store.put(b(String.format("k%05d", i)), b("old"));
            }
            try (StoreIterator it = store.newIterator()) {
                it.seekToFirst();
                for (int i = 0; i < 4000; i++) {
                    store.put(b(String.format("k%05d", i)), b("new-value-" + i));
                }
                store.compactRange(null, null);
                int n = 0;
                for (; it.isValid(); it.next()) {
                    assertThat(s(it.value())).isEqualTo("old");
                    n++;
                }
                assertThat(n).isEqualTo(2000);
            }
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsNamingIt() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            assertThatThrownBy(() -> LsmStore.open(dir, smallOptions()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("already open");
        }
        LsmStore.open(dir, smallOptions()).close(); // lock released on close
    }

    @Test
    void operationsAfterCloseFailClearly() {
        LsmStore store = LsmStore.open(dir, smallOptions());
        StoreIterator it = store.newIterator();
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get(b("a"))).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.put(b("a"), b("b"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(it::seekToFirst).isInstanceOf(StoreException.class);
    }

    @Test
    void openOptionsAreEnforced() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> LsmStore.open(missing, smallOptions().createIfMissing(false)))
                .isInstanceOf(StoreException.class).hasMessageContaining(missing.toString());
        LsmStore.open(dir, smallOptions()).close();
        assertThatThrownBy(() -> LsmStore.open(dir, smallOptions().errorIfExists(true)))
                .isInstanceOf(StoreException.class).hasMessageContaining("already exists");
    }

    @Test
    void compressionPerLevelAndLargeValuesRoundTrip() {
        LsmOptions o = smallOptions().compressionPerLevel(CompressionType.NONE, CompressionType.LZ4, CompressionType.ZSTD);
        Random rnd = new Random(7);
        Map<Integer, byte[]> values = new TreeMap<>();
        try (LsmStore store = LsmStore.open(dir, o)) {
            for (int i = 0; i < 300; i++) {
                byte[] v = new byte[rnd.nextInt(3) == 0 ? 200_000 : rnd.nextInt(500)];
                rnd.nextBytes(v);
                values.put(i, v);
                store.put(b("big" + i), v);
            }
            store.compactRange(null, null);
        }
        try (LsmStore store = LsmStore.open(dir, o)) {
            values.forEach((i, v) -> assertThat(store.get(b("big" + i))).isEqualTo(v));
        }
    }

    @Test
    void writeBatchIsAtomicAndLaterOperationsWin() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            WriteBatch batch = new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")).delete(b("a")).put(b("c"), b("3"))
                    .deleteRange(b("c"), b("d")).put(b("c"), b("4"));
            store.write(WriteOptions.SYNC, batch);
            assertThat(store.get(b("a"))).isNull();
            assertThat(s(store.get(b("b")))).isEqualTo("2");
            assertThat(s(store.get(b("c")))).isEqualTo("4");
            assertThat(store.properties().get("wal.syncs")).isEqualTo(1);
        }
    }

    @Test
    void checkpointIsConsistentAndIndependent() {
        Path cp = dir.resolve("cp");
        try (LsmStore store = LsmStore.open(dir.resolve("db"), smallOptions())) {
            for (int i = 0; i < 3000; i++) {
                store.put(b(String.format("k%05d", i)), b("v" + i));
            }
            store.checkpoint(cp);
            store.put(b("after"), b("x"));
            store.delete(b("k00000"));
            assertThatThrownBy(() -> store.checkpoint(cp)).isInstanceOf(StoreException.class).hasMessageContaining("exists");
        }
        try (LsmStore copy = LsmStore.open(cp, smallOptions())) {
            assertThat(copy.get(b("after"))).isNull();
            assertThat(s(copy.get(b("k00000")))).isEqualTo("v0");
            assertThat(s(copy.get(b("k02999")))).isEqualTo("v2999");
            try (StoreIterator it = copy.newIterator()) {
                assertThat(keys(it)).hasSize(3000);
            }
        }
    }

    @Test
    void propertiesReportTheDocumentedCounters() {
        try (LsmStore store = LsmStore.open(dir, smallOptions())) {
            for (int i = 0; i < 3000; i++) {
                store.put(b(String.format("k%05d", i)), b("value" + i));
            }
            store.flush();
            for (int i = 0; i < 3000; i++) {
                store.get(b(String.format("k%05d", i)));
                store.get(b(String.format("k%05d-absent", i)));
            }
            Map<String, Long> p = store.properties();
            for (String k : List.of("level.0.files", "level.6.bytes", "memtable.bytes", "block-cache.hits",
                    "block-cache.misses", "user.bytes-written", "disk.bytes-written", "compaction.count",
                    "compaction.bytes-read", "compaction.bytes-written", "stall.micros", "bloom.useful",
                    "bloom.false-positive", "write-amplification-x100")) {
                assertThat(p).containsKey(k);
            }
            assertThat(p.get("bloom.useful")).as("absent keys filtered").isGreaterThan(1000);
            assertThat(p.get("block-cache.hits")).isPositive();
            assertThat(p.get("user.bytes-written")).isPositive();
            assertThat(p.get("disk.bytes-written")).isGreaterThan(p.get("user.bytes-written"));
        }
    }

    @Test
    void l0SlowdownAndStopAreReported() {
        LsmOptions o = smallOptions().level0CompactionTrigger(100).level0SlowdownTrigger(2).level0StopTrigger(1000);
        try (LsmStore store = LsmStore.open(dir, o)) {
            for (int i = 0; i < 20_000; i++) {
                store.put(b(String.format("k%06d", i)), b("x".repeat(20)));
            }
            Map<String, Long> p = store.properties();
            assertThat(p.get("stall.slowdown-count")).isPositive();
            assertThat(p.get("stall.micros")).isPositive();
        }
    }

    @Test
    void syncWalSyncsTheLogsInsteadOfWritingTables() {
        LsmOptions options = new LsmOptions().writeBufferSize(256 << 10);
        try (LsmStore store = LsmStore.open(dir, options)) {
            for (int i = 0; i < 5000; i++) {
                WriteBatch b = new WriteBatch();
                for (int j = 0; j < 4; j++) {
                    b.put(b(String.format("k%06d", i * 4 + j)), b("value " + i + " " + "x".repeat(40)));
                }
                store.write(WriteOptions.DEFAULT, b);
            }
            long syncs = store.properties().get("wal.syncs");
            store.syncWal();
            Map<String, Long> p = store.properties();
            assertThat(p.get("memtable.active-bytes")).as("the active memtable stays").isPositive();
            assertThat(p.get("wal.syncs")).isGreaterThan(syncs);
            assertThat(s(store.get(b("k019999")))).startsWith("value 4999 ");
        }
        try (LsmStore store = LsmStore.open(dir, options)) {
            assertThat(s(store.get(b("k000000")))).startsWith("value 0 ");
            assertThat(s(store.get(b("k019999")))).startsWith("value 4999 ");
            // writes without the log are flushed to a table instead
            store.write(new WriteOptions(false, true), new WriteBatch().put(b("unlogged"), b("1")));
            long flushes = store.properties().get("flush.count");
            store.syncWal();
            assertThat(store.properties().get("flush.count")).isGreaterThan(flushes);
            assertThat(store.properties().get("memtable.active-bytes")).isZero();
        }
        try (LsmStore store = LsmStore.open(dir, options)) {
            assertThat(s(store.get(b("unlogged")))).isEqualTo("1");
        }
    }
}
