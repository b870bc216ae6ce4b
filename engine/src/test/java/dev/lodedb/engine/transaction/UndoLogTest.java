package dev.lodedb.engine.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.TestSeeds;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The undo log against a model: random rounds of writes, deletions and range deletions go into the
 * store with their undo records; rolling back to a random earlier position must give back exactly
 * the contents at that position, and recovery after "a crash" (the store reopened with the log
 * still there) must give back the contents before the first write. Seeded; the seed is in every
 * assertion message.
 */
class UndoLogTest {
    @TempDir
    Path dir;

    private static byte[] key(int k) {
        return String.format("k%04d", k).getBytes(StandardCharsets.UTF_8);
    }

    private static TreeMap<String, String> contents(KeyValueStore store) {
        TreeMap<String, String> out = new TreeMap<>();
        try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(key(0), new byte[] {'l'}))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.put(new String(it.key(), StandardCharsets.UTF_8), new String(it.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** One round of random writes through the log (a sorted map, as a transaction hands them over). */
    private static void randomRound(UndoLog log, SplittableRandom rnd, int round) {
        if (rnd.nextInt(5) == 0) {
            int lo = rnd.nextInt(1000);
            log.deleteRange(key(lo), key(lo + rnd.nextInt(200)));
            return;
        }
        TreeMap<byte[], byte[]> writes = new TreeMap<>(java.util.Arrays::compareUnsigned);
        int n = 1 + rnd.nextInt(300);
        for (int i = 0; i < n; i++) {
            byte[] v = rnd.nextInt(4) == 0 ? WriteSet.DELETED : ("r" + round + "." + i).getBytes(StandardCharsets.UTF_8);
            writes.put(key(rnd.nextInt(1000)), v);
        }
        log.write(writes, WriteSet::isDeleted);
    }

    @Test
    void rollbackToAnyPositionRestoresTheContentsThere() {
        long seed = TestSeeds.seed();
        SplittableRandom rnd = new SplittableRandom(seed);
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            WriteBatch base = new WriteBatch();
            for (int i = 0; i < 600; i++) {
                base.put(key(rnd.nextInt(1000)), ("base" + i).getBytes(StandardCharsets.UTF_8));
            }
            store.write(WriteOptions.DEFAULT, base);
            for (int attempt = 0; attempt < 10; attempt++) {
                UndoLog log = new UndoLog(store);
                List<Long> positions = new ArrayList<>();
                List<TreeMap<String, String>> states = new ArrayList<>();
                int rounds = 1 + rnd.nextInt(12);
                for (int r = 0; r < rounds; r++) {
                    positions.add(log.position());
                    states.add(contents(store));
                    randomRound(log, rnd, r);
                }
                int back = rnd.nextInt(rounds);
                log.rollbackTo(positions.get(back));
                assertThat(contents(store)).as("seed %d, attempt %d, back to round %d", seed, attempt, back)
                        .isEqualTo(states.get(back));
                if (rnd.nextBoolean()) {
                    log.rollbackTo(0);
                    assertThat(contents(store)).as("seed %d, attempt %d: full rollback", seed, attempt)
                            .isEqualTo(states.get(0));
                } else {
                    WriteBatch commit = new WriteBatch();
                    log.appendCommit(commit);
                    store.write(WriteOptions.SYNC, commit);
                    assertThat(contents(store)).as("seed %d, attempt %d: commit keeps the writes", seed, attempt)
                            .isEqualTo(states.get(back));
                }
                assertThat(new UndoLog(store).position()).as("seed %d: the log is empty", seed).isZero();
            }
        }
    }

    @Test
    void recoveryAfterReopenUndoesAnUncommittedTransaction() {
        long seed = TestSeeds.seed();
        SplittableRandom rnd = new SplittableRandom(seed);
        TreeMap<String, String> before;
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            WriteBatch base = new WriteBatch();
            for (int i = 0; i < 500; i++) {
                base.put(key(rnd.nextInt(1000)), ("base" + i).getBytes(StandardCharsets.UTF_8));
            }
            store.write(WriteOptions.SYNC, base);
            before = contents(store);
            UndoLog log = new UndoLog(store);
            for (int r = 0; r < 8; r++) {
                randomRound(log, rnd, r);
            }
            store.syncWal();
            assertThat(contents(store)).isNotEqualTo(before);
        }
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            assertThat(UndoLog.recover(store)).as("seed %d", seed).isPositive();
            assertThat(contents(store)).as("seed %d", seed).isEqualTo(before);
            assertThat(UndoLog.recover(store)).isZero();
        }
    }

    @Test
    void writesLargerThanAChunkGoInSeveralBatches() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            UndoLog log = new UndoLog(store);
            TreeMap<byte[], byte[]> writes = new TreeMap<>(java.util.Arrays::compareUnsigned);
            byte[] value = new byte[1000];
            for (int i = 0; i < 9000; i++) {
                writes.put(key(i), value);
            }
            log.write(writes, WriteSet::isDeleted);
            assertThat(log.bytesWritten()).isGreaterThan(2L * UndoLog.CHUNK_BYTES);
            assertThat(contents(store)).hasSize(9000);
            log.rollbackTo(0);
            assertThat(contents(store)).isEmpty();
            assertThat(new UndoLog(store).position()).as("the records are removed").isZero();
        }
    }
}
