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

/** {@code writeDeferringSync} and {@code awaitDurable}: a commit visible before its fsync, acknowledged after it. */
class DeferredSyncTest {
    @TempDir
    Path dir;

    @Test
    void aDeferredWriteIsVisibleAtOnceAndDurableAfterItsWait() {
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            long syncs = store.properties().get("wal.syncs");
            long ticket = store.writeDeferringSync(new WriteBatch().put(b("k1"), b("v1")).put(b("k2"), b("v2")));
            assertThat(s(store.get(b("k2")))).isEqualTo("v2");
            assertThat(ticket).isEqualTo(store.properties().get("sequence.last"));
            assertThat(store.properties().get("wal.syncs")).as("no fsync yet").isEqualTo(syncs);
            store.awaitDurable(ticket);
            assertThat(store.properties().get("wal.syncs")).isEqualTo(syncs + 1);
            store.awaitDurable(ticket); // covered already: no second fsync
            assertThat(store.properties().get("wal.syncs")).isEqualTo(syncs + 1);
            // a synced write's fsync covers the deferred ones before it
            long second = store.writeDeferringSync(new WriteBatch().put(b("k3"), b("v3")));
            store.write(WriteOptions.SYNC, new WriteBatch().put(b("k4"), b("v4")));
            long after = store.properties().get("wal.syncs");
            store.awaitDurable(second);
            assertThat(store.properties().get("wal.syncs")).isEqualTo(after);
        }
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            assertThat(s(store.get(b("k1")))).isEqualTo("v1");
            assertThat(s(store.get(b("k3")))).isEqualTo("v3");
        }
    }

    /**
     * A deferred write of at least {@link LsmStore#OVERLAP_SYNC_MIN_OPS} operations starts its fsync
     * on the helper thread while the leader inserts it: the wait joins that fsync (one fsync per
     * write, never two), and the writes survive a reopen.
     */
    @Test
    void aLargeDeferredWriteIsSyncedWhileItIsInserted() {
        int writes = 20;
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            long syncs = store.properties().get("wal.syncs");
            for (int w = 0; w < writes; w++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < LsmStore.OVERLAP_SYNC_MIN_OPS * 4; i++) {
                    batch.put(b("w" + w + "-" + i), b("v".repeat(50) + i));
                }
                long ticket = store.writeDeferringSync(batch);
                store.awaitDurable(ticket);
                assertThat(store.properties().get("wal.syncs")).as("fsyncs after write %d", w)
                        .isEqualTo(syncs + w + 1);
            }
        }
        try (LsmStore store = LsmStore.open(dir, new LsmOptions())) {
            for (int w = 0; w < writes; w++) {
                assertThat(s(store.get(b("w" + w + "-0")))).isEqualTo("v".repeat(50) + 0);
            }
        }
    }

    /**
     * Eight threads commit with deferred syncs into a store whose tiny write buffer switches logs
     * all the time (a write waiting for its fsync may sit in a log that was switched away from):
     * every wait returns, every write is there after reopening, and waits shared fsyncs.
     */
    @Test
    void concurrentDeferredWritesAcrossLogSwitches() throws Exception {
        int threads = 8;
        int perThread = 300;
        List<Throwable> errors;
        long syncs;
        LsmOptions options = new LsmOptions().writeBufferSize(16 << 10);
        try (LsmStore store = LsmStore.open(dir, options)) {
            errors = LsmTestSupport.runThreads(threads, id -> {
                for (int i = 0; i < perThread; i++) {
                    long ticket = store.writeDeferringSync(new WriteBatch()
                            .put(b("t" + id + "-" + i), b("x".repeat(100) + i)));
                    store.awaitDurable(ticket);
                }
            });
            syncs = store.properties().get("wal.syncs");
            assertThat(store.properties().get("flush.count")).as("logs were switched").isPositive();
        }
        assertThat(errors).isEmpty();
        assertThat(syncs).as("fsyncs for %d commits", threads * perThread).isLessThanOrEqualTo((long) threads * perThread);
        try (LsmStore store = LsmStore.open(dir, options)) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat(s(store.get(b("t" + t + "-" + i)))).isEqualTo("x".repeat(100) + i);
                }
            }
        }
    }
}
