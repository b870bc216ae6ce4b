package dev.lodedb.storage.lsm;

import static dev.lodedb.storage.lsm.LsmTestSupport.b;
import static dev.lodedb.storage.lsm.LsmTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit groups both ways: groups of small batches, inserted into the memtable by their leader
 * alone, and groups of at least {@link LsmStore#PARALLEL_APPLY_MIN_OPS} operations, whose members
 * insert their own batches in parallel. Every acknowledged write is there, with its value, before
 * and after a reopen.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void smallAndLargeBatchesFromManyWriters() throws Exception {
        int threads = 8;
        int batches = 60;
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            List<Throwable> errors = LsmTestSupport.runThreads(threads, id -> {
                for (int i = 0; i < batches; i++) {
                    WriteBatch batch = new WriteBatch();
                    for (int k = 0; k < opsOf(id, i); k++) {
                        batch.put(b(key(id, i, k)), b(value(id, i, k)));
                    }
                    store.write(i % 3 == 0 ? WriteOptions.SYNC : WriteOptions.DEFAULT, batch);
                }
            });
            assertThat(errors).isEmpty();
            assertThat(store.properties().get("write.batches")).isEqualTo((long) threads * batches);
            verify(store, threads, batches);
        }
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            verify(store, threads, batches);
        }
    }

    /** Odd writers write one-row batches, even writers batches of up to 200 rows. */
    private static int opsOf(int writer, int batch) {
        return writer % 2 == 1 ? 1 : 50 + (batch * 37 % 151);
    }

    private static String key(int writer, int batch, int k) {
        return "w" + writer + "/" + batch + "/" + k;
    }

    private static String value(int writer, int batch, int k) {
        return "v" + (writer * 1_000_003L + batch * 1_009L + k);
    }

    private static void verify(LsmStore store, int threads, int batches) {
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < batches; i++) {
                for (int k = 0; k < opsOf(t, i); k++) {
                    assertThat(s(store.get(b(key(t, i, k))))).as(key(t, i, k)).isEqualTo(value(t, i, k));
                }
            }
        }
    }
}
