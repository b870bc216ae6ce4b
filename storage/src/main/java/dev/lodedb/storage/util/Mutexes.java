package dev.lodedb.storage.util;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Taking a short-held mutex under contention. {@link ReentrantLock#lock()} parks a thread that
 * finds the lock taken almost at once, and a park and wake-up costs tens of microseconds on a
 * virtual machine, while the mutexes of the commit path (the store's writer queue, the lock
 * table) are held for well under a microsecond: two SQL clients inserting rows parked tens of
 * thousands of times a second on them. {@link #lock} first retries {@link ReentrantLock#tryLock()}
 * a few dozen times with a spin-wait hint in between (an adaptive mutex, as in glibc's
 * {@code PTHREAD_MUTEX_ADAPTIVE_NP} or PostgreSQL's {@code s_lock}).
 *
 * <p>Thread-safe (static methods, no state).
 */
public final class Mutexes {
    /** Tries before {@link #lock} blocks; each costs one failed CAS and one spin-wait hint. */
    static final int SPINS = 64;

    private Mutexes() {
    }

    /**
     * Acquires {@code mutex}, spinning briefly before blocking, as {@link ReentrantLock#lock()}
     * otherwise (not interruptible, reentrant).
     *
     * @param mutex the lock to take
     */
    public static void lock(ReentrantLock mutex) {
        for (int i = 0; i < SPINS; i++) {
            if (mutex.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        mutex.lock();
    }
}
