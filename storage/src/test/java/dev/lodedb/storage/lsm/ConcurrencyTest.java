package dev.lodedb.storage.lsm;

import static dev.lodedb.storage.lsm.LsmTestSupport.b;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers and readers at once, while flushes and compactions run. Writer {@code w} owns
 * keys {@code w/0 .. w/9} and rewrites all ten to its next version number in one batch; every
 * reader, through a snapshot, must see all ten keys of a writer at the same version (batches are
 * atomic), never older than a version already acknowledged before the snapshot was taken, and
 * never going backwards across its own successive snapshots.
 */
class ConcurrencyTest {
    private static final int KEYS = 10;

    @TempDir
    Path dir;

    @Test
    void snapshotsSeeWholeBatchesUnderConcurrentLoad() throws Exception {
        run(4, 4, 1500, Long.getLong("lode.seed", 7L));
    }

    @Test
    @Tag("stress")
    void longConcurrentLoad() throws Exception {
        run(8, 8, 30_000, Long.getLong("lode.seed", System.nanoTime()));
    }

    private void run(int writers, int readers, int versionsPerWriter, long seed) throws Exception {
        LsmOptions o = LsmTestSupport.smallOptions();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLongArray acked = new AtomicLongArray(writers);
        AtomicBoolean done = new AtomicBoolean();
        try (LsmStore store = LsmStore.open(dir, o)) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                threads.add(new Thread(() -> {
                    Random rnd = new Random(seed + id);
                    try {
                        for (int v = 1; v <= versionsPerWriter; v++) {
                            WriteBatch batch = new WriteBatch();
                            for (int k = 0; k < KEYS; k++) {
                                batch.put(b(id + "/" + k), b(v + "/" + "p".repeat(rnd.nextInt(60))));
                            }
                            store.write(rnd.nextInt(50) == 0 ? WriteOptions.SYNC : WriteOptions.DEFAULT, batch);
                            acked.set(id, v);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (int r = 0; r < readers; r++) {
                int id = r;
                threads.add(new Thread(() -> {
                    Random rnd = new Random(seed * 31 + id);
                    long[] lastSeen = new long[writers];
                    try {
                        while (!done.get()) {
                            long[] floor = new long[writers];
                            for (int w = 0; w < writers; w++) {
                                floor[w] = acked.get(w);
                            }
                            try (Snapshot s = store.getSnapshot()) {
                                for (int w = 0; w < writers; w++) {
                                    long seen = rnd.nextBoolean() ? viaIterator(store, s, w) : viaGets(store, s, w);
                                    if (seen < floor[w] || seen < lastSeen[w]) {
                                        throw new AssertionError("writer " + w + ": saw version " + seen + " but "
                                                + Math.max(floor[w], lastSeen[w]) + " was visible before (seed " + seed + ")");
                                    }
                                    lastSeen[w] = seen;
                                }
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.start();
            }
            for (int i = 0; i < writers; i++) {
                threads.get(i).join();
            }
            done.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).as("seed " + seed).isEmpty();
            assertThat(store.properties().get("write.batches")).isEqualTo((long) writers * versionsPerWriter);
        }
    }

    private static long version(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        return Long.parseLong(s.substring(0, s.indexOf('/')));
    }

    private static long viaGets(LsmStore store, Snapshot s, int w) {
        long v = -1;
        for (int k = 0; k < KEYS; k++) {
            byte[] value = store.get(ReadOptions.at(s), b(w + "/" + k));
            long x = value == null ? 0 : version(value);
            if (v >= 0 && x != v) {
                throw new AssertionError("writer " + w + ": keys at versions " + v + " and " + x + " in one snapshot");
            }
            v = x;
        }
        return v;
    }

    private static long viaIterator(LsmStore store, Snapshot s, int w) {
        long v = -1;
        int n = 0;
        try (StoreIterator it = store.newIterator(ReadOptions.at(s).withBounds(b(w + "/"), b(w + "0")))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                long x = version(it.value());
                if (v >= 0 && x != v) {
                    throw new AssertionError("writer " + w + ": keys at versions " + v + " and " + x + " in one scan");
                }
                v = x;
                n++;
            }
        }
        if (n != 0 && n != KEYS) {
            throw new AssertionError("writer " + w + ": " + n + " of " + KEYS + " keys visible");
        }
        return n == 0 ? 0 : v;
    }
}
