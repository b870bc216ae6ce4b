package dev.lodedb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.sstable.CompressionType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to {@link RocksDbStore}, beyond the backend-agnostic contract. */
class RocksDbStoreTest {
    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void optionsAreMappedOntoRocksDb() {
        LsmOptions o = new LsmOptions().blockCacheSize(8 << 20).writeBufferSize(1 << 20)
                .compressionPerLevel(CompressionType.NONE, CompressionType.LZ4, CompressionType.ZSTD)
                .maxImmutableMemtables(3).level0CompactionTrigger(6);
        try (RocksDbStore s = RocksDbStore.open(tmp.resolve("db"), o)) {
            assertThat(s.properties()).containsEntry("block-cache.capacity", 8L << 20);
            String opts = s.nativeProperty("rocksdb.options-statistics");
            assertThat(opts).isNotNull();
            assertThat(s.nativeProperty("rocksdb.no-such-property")).isNull();
            s.put(b("k"), b("v"));
            s.flush();
            assertThat(s.properties().get("level.0.files")).isEqualTo(1L);
        }
        assertThat(RocksDbConfig.shardBits(8 << 20)).isEqualTo(1);
        assertThat(RocksDbConfig.shardBits(32 << 20)).isEqualTo(3);
        assertThat(RocksDbConfig.shardBits(1L << 40)).isEqualTo(6);
        assertThat(RocksDbConfig.shardBits(1 << 20)).isZero();
    }

    @Test
    void createIfMissingAndErrorIfExists() {
        Path dir = tmp.resolve("a/b/db");
        assertThatThrownBy(() -> RocksDbStore.open(dir, new LsmOptions().createIfMissing(false)))
                .isInstanceOf(StoreException.class).hasMessageContaining(dir.toString());
        RocksDbStore.open(dir, new LsmOptions()).close();
        assertThatThrownBy(() -> RocksDbStore.open(dir, new LsmOptions().errorIfExists(true)))
                .isInstanceOf(StoreException.class).hasMessageContaining(dir.toString());
    }

    @Test
    void secondOpenSaysTheDirectoryIsInUse() {
        Path dir = tmp.resolve("db");
        try (RocksDbStore s = RocksDbStore.open(dir)) {
            assertThatThrownBy(() -> RocksDbStore.open(dir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("already open");
            assertThat(s.directory()).isEqualTo(dir.toAbsolutePath());
        }
    }

    @Test
    void syncWithoutWalIsRejected() {
        try (RocksDbStore s = RocksDbStore.open(tmp.resolve("db"))) {
            assertThatThrownBy(() -> s.write(new WriteOptions(true, true), new WriteBatch().put(b("a"), b("1"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(s.get(b("a"))).isNull();
        }
    }

    @Test
    void snapshotsOfOtherStoresAndReleasedSnapshotsAreRejected() {
        try (RocksDbStore s = RocksDbStore.open(tmp.resolve("one"));
             RocksDbStore other = RocksDbStore.open(tmp.resolve("two"))) {
            Snapshot foreign = other.getSnapshot();
            assertThatThrownBy(() -> s.get(ReadOptions.at(foreign), b("a")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.releaseSnapshot(foreign)).isInstanceOf(IllegalArgumentException.class);
            Snapshot mine = s.getSnapshot();
            mine.close();
            assertThatThrownBy(() -> s.get(ReadOptions.at(mine), b("a")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("released");
            assertThatThrownBy(() -> s.newIterator(ReadOptions.at(mine))).isInstanceOf(StoreException.class);
            foreign.close();
        }
    }

    @Test
    void iteratorPinsItsSnapshotPastRelease() {
        try (RocksDbStore s = RocksDbStore.open(tmp.resolve("db"))) {
            s.put(b("a"), b("1"));
            Snapshot snap = s.getSnapshot();
            s.put(b("a"), b("2"));
            try (StoreIterator it = s.newIterator(ReadOptions.at(snap))) {
                snap.close();
                s.flush();
                s.compactRange(null, null);
                it.seekToFirst();
                assertThat(it.value()).isEqualTo(b("1"));
            }
            assertThat(s.properties().get("snapshots.open")).isZero();
        }
    }

    @Test
    void closedIteratorThrowsIllegalState() {
        try (RocksDbStore s = RocksDbStore.open(tmp.resolve("db"))) {
            StoreIterator it = s.newIterator();
            it.close();
            assertThatThrownBy(it::seekToFirst).isInstanceOf(IllegalStateException.class);
            it.close();
        }
    }

    @Test
    void batchEncodingIsTranslatedForRocksDb() {
        WriteBatch batch = new WriteBatch().put(b("a"), b("1")).deleteRange(b("b"), b("c")).delete(b("d"));
        byte[] rep = RocksBatchEncoding.toRocks(batch);
        assertThat(rep).hasSize(batch.approximateSize());
        assertThat(rep[WriteBatch.HEADER_SIZE]).isEqualTo(WriteBatch.TAG_PUT);
        assertThat(rep[WriteBatch.HEADER_SIZE + 5]).isEqualTo((byte) 0x0F);
        assertThat(rep[WriteBatch.HEADER_SIZE + 10]).isEqualTo(WriteBatch.TAG_DELETE);
        byte[] bad = batch.encode();
        bad[WriteBatch.HEADER_SIZE] = 9;
        assertThatThrownBy(() -> RocksBatchEncoding.toRocks(WriteBatch.fromEncoded(bad)))
                .isInstanceOf(dev.lodedb.storage.CorruptionException.class);
    }

    @Test
    void closeWhileOtherThreadsIterateDoesNotCrash() throws Exception {
        RocksDbStore s = RocksDbStore.open(tmp.resolve("db"));
        for (int i = 0; i < 2000; i++) {
            s.put(b(String.format("k%05d", i)), new byte[50]);
        }
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread r = new Thread(() -> {
                StoreIterator it = s.newIterator();
                Snapshot snap = s.getSnapshot();
                started.countDown();
                try {
                    while (true) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            it.value();
                        }
                        s.get(ReadOptions.at(snap), b("k00001"));
                    }
                } catch (StoreException expected) {
                    // the store closed under us: the documented outcome
                } catch (Throwable e) {
                    unexpected.set(e);
                } finally {
                    it.close();
                    snap.close();
                }
            });
            readers.add(r);
            r.start();
        }
        started.await();
        Thread.sleep(50);
        s.close();
        for (Thread r : readers) {
            r.join(10_000);
            assertThat(r.isAlive()).isFalse();
        }
        assertThat(unexpected.get()).isNull();
        assertThat(Files.exists(tmp.resolve("db/LOCK"))).isTrue();
        try (KeyValueStore again = RocksDbStore.open(tmp.resolve("db"))) {
            assertThat(again.get(b("k01999"))).hasSize(50);
        }
    }
}
