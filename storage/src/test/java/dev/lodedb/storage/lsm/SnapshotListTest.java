package dev.lodedb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SnapshotListTest {
    @Test
    void smallestIsTheOldestLiveSnapshotOrTheLastSequence() {
        SnapshotList list = new SnapshotList();
        AtomicLong last = new AtomicLong(10);
        assertThat(list.smallest(last::get)).isEqualTo(10);
        long a = list.acquire(last::get);
        last.set(20);
        long b = list.acquire(last::get);
        list.retain(a);
        assertThat(list.count()).isEqualTo(3);
        assertThat(list.smallest(last::get)).isEqualTo(10);
        list.release(a);
        assertThat(list.smallest(last::get)).isEqualTo(10);
        list.release(a);
        assertThat(list.smallest(last::get)).isEqualTo(20);
        list.release(b);
        last.set(30);
        assertThat(list.smallest(last::get)).isEqualTo(30);
        assertThat(list.count()).isZero();
    }

    /**
     * Readers take and release snapshots while the last sequence grows and a "compaction" thread
     * computes the smallest: a snapshot taken after a smallest was returned is never below it.
     */
    @Test
    void aSnapshotTakenAfterSmallestReturnedIsNeverBelowIt() throws Exception {
        SnapshotList list = new SnapshotList();
        AtomicLong last = new AtomicLong();
        AtomicLong floor = new AtomicLong(); // the largest smallest() returned so far
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        threads.add(new Thread(() -> {
            await(start);
            while (!stop.get()) {
                last.incrementAndGet();
            }
        }));
        threads.add(new Thread(() -> {
            await(start);
            while (!stop.get()) {
                long s = list.smallest(last::get);
                floor.accumulateAndGet(s, Math::max);
            }
        }));
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < 200_000 && failure.get() == null; i++) {
                    long before = floor.get();
                    long seq = list.acquire(last::get);
                    if (seq < before) {
                        failure.compareAndSet(null, "snapshot " + seq + " taken after smallest " + before);
                    }
                    list.release(seq);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads.subList(2, threads.size())) {
            t.join();
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(list.count()).isZero();
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
