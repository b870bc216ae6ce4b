package dev.lodedb.engine.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.transaction.LockManager.Mode;
import dev.lodedb.engine.transaction.LockManager.Owner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Lock compatibility, upgrades, queueing behind exclusive waiters, deadlocks, timeouts, cancel. */
class LockManagerTest {
    private final LockManager locks = new LockManager();

    private boolean acquire(Owner o, Object r, Mode m) {
        return locks.acquire(o, r, m, 0, () -> false, r::toString);
    }

    private CompletableFuture<Boolean> acquireLater(Owner o, Object r, Mode m) {
        return CompletableFuture.supplyAsync(() -> acquire(o, r, m));
    }

    private static void waitUntilBlocked(CompletableFuture<?> f) throws InterruptedException {
        Thread.sleep(80);
        assertThat(f).isNotDone();
    }

    private static String state(Throwable e) {
        Throwable c = e;
        while (c != null && !(c instanceof SqlException)) {
            c = c.getCause();
        }
        return c == null ? null : ((SqlException) c).sqlState();
    }

    @Test
    void acquireAllGrantsNewKeysAndReportsOnlyThose() throws Exception {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        byte[] k1 = {1, 2};
        byte[] k2 = {1, 3};
        assertThat(acquire(a, new LockManager.Key(k1.clone()), Mode.EXCLUSIVE)).isTrue();
        java.util.List<byte[]> granted = new java.util.ArrayList<>();
        locks.acquireAll(a, java.util.List.of(k1, k2), Mode.EXCLUSIVE, 0, () -> false, k -> "k", granted);
        assertThat(granted).containsExactly(k2); // k1 was held already (an equal key, another array)
        assertThat(locks.holds(a, new LockManager.Key(new byte[] {1, 3}), Mode.EXCLUSIVE)).isTrue();
        assertThat(locks.tryAcquire(b, new LockManager.Key(new byte[] {1, 2}), Mode.SHARED)).isFalse();
        CompletableFuture<java.util.List<byte[]>> f = CompletableFuture.supplyAsync(() -> {
            java.util.List<byte[]> got = new java.util.ArrayList<>();
            locks.acquireAll(b, java.util.List.of(new byte[] {1, 4}, new byte[] {1, 3}), Mode.EXCLUSIVE, 0,
                    () -> false, k -> "k", got);
            return got;
        });
        waitUntilBlocked(f);
        locks.releaseAll(a);
        assertThat(f.get(5, TimeUnit.SECONDS)).hasSize(2);
        locks.releaseAll(b);
        assertThat(locks.size()).isZero();
    }

    @Test
    void acquireAllTimesOutOnAKeyHeldElsewhere() {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        acquire(a, new LockManager.Key(new byte[] {9}), Mode.SHARED);
        java.util.List<byte[]> granted = new java.util.ArrayList<>();
        assertThatThrownBy(() -> locks.acquireAll(b, java.util.List.of(new byte[] {8}, new byte[] {9}),
                Mode.EXCLUSIVE, 50, () -> false, k -> "key " + k[0], granted))
                .satisfies(e -> assertThat(state(e)).isEqualTo("55P03"))
                .satisfies(e -> assertThat(e.toString()).contains("lock on key 9"));
        assertThat(granted).hasSize(1); // the first key stays held until the owner releases
        locks.releaseAll(a);
        locks.releaseAll(b);
        assertThat(locks.size()).isZero();
    }

    @Test
    void sharedLocksAreCompatibleAndReentrant() {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        assertThat(acquire(a, "r", Mode.SHARED)).isTrue();
        assertThat(acquire(b, "r", Mode.SHARED)).isTrue();
        assertThat(acquire(a, "r", Mode.SHARED)).isFalse();
        assertThat(locks.holds(a, "r", Mode.SHARED)).isTrue();
        assertThat(locks.holds(a, "r", Mode.EXCLUSIVE)).isFalse();
        locks.releaseAll(a);
        locks.releaseAll(b);
        assertThat(locks.size()).isZero();
    }

    @Test
    void exclusiveWaitsForHoldersAndSoleSharedHolderUpgrades() throws Exception {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        acquire(a, "r", Mode.SHARED);
        assertThat(acquire(a, "r", Mode.EXCLUSIVE)).isTrue(); // upgrade: sole holder
        CompletableFuture<Boolean> f = acquireLater(b, "r", Mode.SHARED);
        waitUntilBlocked(f);
        locks.releaseAll(a);
        assertThat(f.get(5, TimeUnit.SECONDS)).isTrue();
        // the shared waiter holds the lock the manager knows (not a copy dropped when a released it)
        assertThat(locks.holds(b, "r", Mode.SHARED)).isTrue();
        assertThat(locks.tryAcquire(new Owner("c"), "r", Mode.EXCLUSIVE)).isFalse();
        locks.releaseAll(b);
        assertThat(locks.size()).isZero();
    }

    @Test
    void sharedRequestsQueueBehindAWaitingExclusiveOne() throws Exception {
        Owner a = new Owner("a");
        Owner ddl = new Owner("ddl");
        Owner c = new Owner("c");
        acquire(a, "schema", Mode.SHARED);
        CompletableFuture<Boolean> x = acquireLater(ddl, "schema", Mode.EXCLUSIVE);
        waitUntilBlocked(x);
        CompletableFuture<Boolean> s = acquireLater(c, "schema", Mode.SHARED);
        waitUntilBlocked(s);
        // a holder re-entering is not queued
        assertThat(acquire(a, "schema", Mode.SHARED)).isFalse();
        locks.releaseAll(a);
        assertThat(x.get(5, TimeUnit.SECONDS)).isTrue();
        waitUntilBlocked(s);
        locks.releaseAll(ddl);
        assertThat(s.get(5, TimeUnit.SECONDS)).isTrue();
        locks.releaseAll(c);
    }

    @Test
    void aCycleOfWaitsFailsTheOneThatClosesIt() throws Exception {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        acquire(a, "x", Mode.EXCLUSIVE);
        acquire(b, "y", Mode.EXCLUSIVE);
        CompletableFuture<Boolean> aWaits = acquireLater(a, "y", Mode.EXCLUSIVE);
        waitUntilBlocked(aWaits);
        assertThatThrownBy(() -> acquire(b, "x", Mode.EXCLUSIVE)).satisfies(e -> assertThat(state(e))
                .isEqualTo("40P01")).hasMessageContaining("deadlock detected");
        locks.releaseAll(b);
        assertThat(aWaits.get(5, TimeUnit.SECONDS)).isTrue();
        locks.releaseAll(a);
    }

    @Test
    void twoSharedHoldersUpgradingDeadlock() throws Exception {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        acquire(a, "s", Mode.SHARED);
        acquire(b, "s", Mode.SHARED);
        CompletableFuture<Boolean> aUp = acquireLater(a, "s", Mode.EXCLUSIVE);
        waitUntilBlocked(aUp);
        assertThatThrownBy(() -> acquire(b, "s", Mode.EXCLUSIVE)).satisfies(e -> assertThat(state(e))
                .isEqualTo("40P01"));
        locks.releaseAll(b);
        assertThat(aUp.get(5, TimeUnit.SECONDS)).isTrue();
        locks.releaseAll(a);
    }

    @Test
    void timeoutAndCancel() {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        acquire(a, "r", Mode.EXCLUSIVE);
        assertThatThrownBy(() -> locks.acquire(b, "r", Mode.SHARED, 30, () -> false, () -> "r"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("55P03"));
        AtomicBoolean cancel = new AtomicBoolean();
        CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(() -> locks.acquire(b, "r", Mode.SHARED, 0,
                cancel::get, () -> "r"));
        cancel.set(true);
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).satisfies(e -> assertThat(state(e)).isEqualTo("57014"));
        locks.releaseAll(a);
        assertThat(locks.size()).isZero();
    }

    /**
     * Eight owners take and release one exclusive lock over and over, most of them waiting with
     * a spin before blocking: never two holders at once, no lost wake-up, nothing left locked.
     */
    @Test
    void contendedExclusiveLockIsMutuallyExclusive() throws Exception {
        int threads = 8;
        int rounds = 2_000;
        Object row = "branch 1";
        java.util.concurrent.atomic.AtomicInteger holders = new java.util.concurrent.atomic.AtomicInteger();
        int[] counter = {0};
        java.util.List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                Owner o = new Owner("t" + t);
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < rounds; i++) {
                        assertThat(acquire(o, row, Mode.EXCLUSIVE)).isTrue();
                        assertThat(holders.incrementAndGet()).isEqualTo(1);
                        counter[0]++; // guarded by the lock alone
                        holders.decrementAndGet();
                        locks.releaseAll(o);
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter[0]).isEqualTo(threads * rounds);
        assertThat(locks.size()).isZero();
    }
}
