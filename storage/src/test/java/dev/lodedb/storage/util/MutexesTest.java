package dev.lodedb.storage.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** {@link Mutexes#lock}: mutual exclusion under contention, reentrancy. */
class MutexesTest {
    private long counter;

    @Test
    void contendedLockIsMutuallyExclusiveAndReentrant() throws Exception {
        ReentrantLock mutex = new ReentrantLock();
        int threads = 4;
        int rounds = 50_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    Mutexes.lock(mutex);
                    try {
                        counter++; // guarded by the mutex alone
                    } finally {
                        mutex.unlock();
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        assertThat(counter).isEqualTo((long) threads * rounds);

        Mutexes.lock(mutex);
        Mutexes.lock(mutex);
        assertThat(mutex.getHoldCount()).isEqualTo(2);
        mutex.unlock();
        mutex.unlock();
        assertThat(mutex.isLocked()).isFalse();
    }
}
