package dev.lodedb.engine.transaction;

import dev.lodedb.engine.SqlException;
import dev.lodedb.storage.util.Mutexes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Shared and exclusive locks held by transactions until they end, with deadlock detection on the
 * waits-for graph (as PostgreSQL's lock manager and the textbook two-phase locking of Gray and
 * Reuter, "Transaction Processing", ch. 7). Resources are any objects with value equality: a row
 * or index key as a {@link Key} (its hash computed once), or a named resource such as the schema
 * lock. {@link #acquireAll} locks many keys under one acquisition of the mutex (a statement's
 * written rows); a lock that nobody else holds or waits for costs one map entry and one small
 * object.
 *
 * <p>Compatibility: shared with shared; exclusive with nothing held by another owner. A shared
 * request waits behind a queued exclusive request of another owner (so DDL is not starved by a
 * stream of writers), unless the requester already holds the resource. An owner holding a shared
 * lock alone may upgrade it to exclusive.
 *
 * <p>A request that would close a cycle of waits fails at once with SQLSTATE 40P01; a request that
 * waits longer than its timeout fails with 55P03; a request whose statement is cancelled fails
 * with 57014. Thread-safe: every operation runs under one mutex (waits release it). A release wakes
 * only the owners waiting for the resources it frees, each on its own condition, rather than every
 * waiter of the database.
 */
public final class LockManager {
    /** Lock modes. */
    public enum Mode {
        /** Compatible with other shared locks. */
        SHARED,
        /** Compatible with nothing. */
        EXCLUSIVE
    }

    /**
     * A key as a lock resource: equal to another {@code Key} with the same bytes, hash computed once.
     * Immutable as long as the caller does not change the array it wraps (it is not copied).
     * Thread-safe.
     */
    public static final class Key {
        private final byte[] bytes;
        private final int hash;

        /** @param bytes the key (not copied: must not change while the lock is held) */
        public Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        /** @return the key's bytes (the wrapped array itself) */
        public byte[] bytes() {
            return bytes;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public String toString() {
            return "Key" + Arrays.toString(bytes);
        }
    }

    /** A lock holder: one per transaction. Its fields are guarded by the manager's mutex. */
    public static final class Owner {
        private final String name;
        /** The locks held, each once. */
        private final List<Lock> held = new ArrayList<>();
        private Object waitingFor;
        private Mode waitingMode;
        /** Signalled when a resource it waits for may have become grantable (created on its first wait). */
        private Condition wakeup;

        /** @param name how errors name the transaction (for example its session) */
        public Owner(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One locked resource. The lists are created on first use: most locks are only ever held exclusively. */
    private static final class Lock {
        final Object resource;
        Owner exclusive;
        /** Shared holders, or {@code null} while there were none. */
        List<Owner> shared;
        /** Owners waiting for an exclusive lock, oldest first, or {@code null} while none waited. */
        List<Owner> exclusiveQueue;
        /** Every owner waiting for this lock, in either mode, or {@code null} while none waited. */
        List<Owner> waiting;

        Lock(Object resource) {
            this.resource = resource;
        }

        boolean sharedBy(Owner o) {
            return shared != null && shared.contains(o);
        }

        boolean isFree() {
            return exclusive == null && (shared == null || shared.isEmpty()) && (waiting == null || waiting.isEmpty());
        }

        /**
         * Counts {@link #signalWaiters} calls, so that a waiter spinning without the mutex sees a
         * change it should look at (read without the mutex: a hint only).
         */
        volatile int changes;

        /** Wakes every owner waiting for this lock. */
        void signalWaiters() {
            if (waiting != null) {
                changes++; // under the mutex: no lost increments
                for (Owner w : waiting) {
                    w.wakeup.signal();
                }
            }
        }
    }

    private final Map<Object, Lock> locks = new HashMap<>();
    private final ReentrantLock mutex = new ReentrantLock();

    /**
     * Acquires {@code resource} in {@code mode} for {@code owner}, waiting while another owner holds
     * it incompatibly. Re-acquiring a lock already held (in the same or a weaker mode) returns at once.
     *
     * @param timeoutMillis how long to wait at most, in milliseconds; 0 waits without limit
     * @param cancelled polled about every 50 ms while waiting; when it returns true the wait ends
     * @param describe names the resource in error messages (called only on error)
     * @return whether the lock was granted now ({@code false}: {@code owner} already held it)
     * @throws SqlException 40P01 on deadlock, 55P03 on timeout, 57014 when cancelled
     */
    public boolean acquire(Owner owner, Object resource, Mode mode, long timeoutMillis,
            BooleanSupplier cancelled, java.util.function.Supplier<String> describe) {
        Mutexes.lock(mutex);
        try {
            return acquireLocked(owner, resource, mode, timeoutMillis, cancelled, describe);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Acquires every key of {@code keys} in {@code mode} for {@code owner}, in order, under one
     * acquisition of the mutex (released only while waiting), as {@link #acquire} does for each.
     * On an error the keys granted before it stay held (released with the owner's other locks).
     *
     * @param keys the keys to lock (wrapped, not copied: they must not change while held)
     * @param timeoutMillis how long to wait at most for each key, in milliseconds; 0 waits without limit
     * @param cancelled polled about every 50 ms while waiting
     * @param describe names a key in error messages (called only on error)
     * @param granted receives the keys granted now (not those {@code owner} already held)
     * @throws SqlException 40P01 on deadlock, 55P03 on timeout, 57014 when cancelled
     */
    public void acquireAll(Owner owner, List<byte[]> keys, Mode mode, long timeoutMillis, BooleanSupplier cancelled,
            java.util.function.Function<byte[], String> describe, List<byte[]> granted) {
        Mutexes.lock(mutex);
        try {
            for (byte[] k : keys) {
                Key key = new Key(k);
                Lock fresh = new Lock(key);
                Lock lock = locks.putIfAbsent(key, fresh);
                if (lock == null) {
                    // nobody holds or waits for it: granted at once
                    grant(fresh, owner, mode);
                    granted.add(k);
                } else if (acquireLocked(owner, key, lock, mode, timeoutMillis, cancelled, () -> describe.apply(k))) {
                    granted.add(k);
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    private boolean acquireLocked(Owner owner, Object resource, Mode mode, long timeoutMillis,
            BooleanSupplier cancelled, java.util.function.Supplier<String> describe) {
        Lock lock = locks.computeIfAbsent(resource, Lock::new);
        return acquireLocked(owner, resource, lock, mode, timeoutMillis, cancelled, describe);
    }

    private boolean acquireLocked(Owner owner, Object resource, Lock lock, Mode mode, long timeoutMillis,
            BooleanSupplier cancelled, java.util.function.Supplier<String> describe) {
        if (lock.exclusive == owner || (mode == Mode.SHARED && lock.sharedBy(owner))) {
            return false;
        }
        if (grantable(lock, owner, mode)) {
            grant(lock, owner, mode);
            return true;
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        owner.waitingFor = resource;
        owner.waitingMode = mode;
        if (owner.wakeup == null) {
            owner.wakeup = mutex.newCondition();
        }
        if (lock.waiting == null) {
            lock.waiting = new ArrayList<>(1);
        }
        lock.waiting.add(owner);
        if (mode == Mode.EXCLUSIVE) {
            if (lock.exclusiveQueue == null) {
                lock.exclusiveQueue = new ArrayList<>(1);
            }
            lock.exclusiveQueue.add(owner);
        }
        try {
            long spinUntil = System.nanoTime() + SPIN_BUDGET_NANOS;
            while (true) {
                Owner cycle = deadlock(owner);
                if (cycle != null) {
                    throw new SqlException("40P01", "deadlock detected", "Transaction " + owner + " waits for "
                            + mode.name().toLowerCase() + " lock on " + describe.get() + ", blocked by transaction "
                            + cycle + ", which waits (directly or through others) for " + owner + ".",
                            "See the locks each transaction takes in docs/transactions.md; retry the transaction.", 0,
                            null);
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new SqlException("55P03", "canceling statement due to lock timeout", "Waiting for "
                            + mode.name().toLowerCase() + " lock on " + describe.get() + ".", null, 0, null);
                }
                if (cancelled.getAsBoolean()) {
                    throw new SqlException("57014", "canceling statement due to user request");
                }
                if (now < spinUntil) {
                    if (spinForChange(lock) && grantable(lock, owner, mode)) {
                        grant(lock, owner, mode);
                        return true;
                    }
                    continue; // check deadlock, timeout and cancel again before blocking
                }
                try {
                    // woken by a release of this resource; the timed wait also polls for cancel,
                    // timeout and deadlocks that form while waiting
                    owner.wakeup.await(Math.max(1, Math.min(50, (deadline - now) / 1_000_000L)), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SqlException("57014", "canceling statement due to interrupt");
                }
                if (grantable(lock, owner, mode)) {
                    grant(lock, owner, mode);
                    return true;
                }
            }
        } finally {
            owner.waitingFor = null;
            owner.waitingMode = null;
            lock.waiting.remove(owner);
            if (mode == Mode.EXCLUSIVE) {
                lock.exclusiveQueue.remove(owner);
                lock.signalWaiters(); // shared requests queued behind this one may go now
            }
            if (lock.isFree()) {
                locks.remove(resource);
            }
        }
    }

    /**
     * A waiter releases the mutex and spins for up to this long (nanoseconds) for the lock to
     * change before it looks again, for as long as its {@link #SPIN_BUDGET_NANOS} lasts, and only
     * then blocks: a row lock is mostly held by a transaction that is a few microseconds from its
     * commit, and parking then being woken costs tens of microseconds on a virtual machine, on the
     * critical path of every hand-over of a hot row (pgbench's TPC-B transaction waits for the
     * branch row in 40% of its transactions on two clients). A short busy-wait then yields, so
     * that on a busy machine the holder gets the core (PostgreSQL's spin-then-sleep {@code s_lock};
     * RocksDB's {@code WriteThread::AwaitState}).
     */
    static final long SPIN_NANOS = 50_000;
    /**
     * How long (nanoseconds) one acquisition may spin in all, over several hand-overs to other
     * waiters, before it blocks: TPC-B without fsync on eight clients made 31,000 transactions/s
     * when waiters spun once, 41,000 with 0.5 ms and 44,000 with 2 ms.
     */
    static final long SPIN_BUDGET_NANOS = 1_000_000;

    /**
     * Releases the mutex, waits up to {@link #SPIN_NANOS} without blocking for {@code lock} to
     * change ({@link Lock#signalWaiters}), and takes the mutex again. Mutex held on entry and exit.
     *
     * @return whether the lock changed meanwhile
     */
    private boolean spinForChange(Lock lock) {
        int seen = lock.changes;
        mutex.unlock();
        try {
            long end = System.nanoTime() + SPIN_NANOS;
            for (int i = 0; lock.changes == seen; i++) {
                if (i < 100) {
                    Thread.onSpinWait();
                } else if (System.nanoTime() > end) {
                    return false;
                } else {
                    Thread.yield();
                }
            }
            return true;
        } finally {
            Mutexes.lock(mutex);
        }
    }

    /**
     * Acquires {@code resource} in {@code mode} if that is possible without waiting (NOWAIT, SKIP
     * LOCKED).
     *
     * @return whether {@code owner} holds the lock now
     */
    public boolean tryAcquire(Owner owner, Object resource, Mode mode) {
        Mutexes.lock(mutex);
        try {
            Lock lock = locks.computeIfAbsent(resource, Lock::new);
            if (lock.exclusive == owner || (mode == Mode.SHARED && lock.sharedBy(owner))) {
                return true;
            }
            if (grantable(lock, owner, mode)) {
                grant(lock, owner, mode);
                return true;
            }
            if (lock.isFree()) {
                locks.remove(resource);
            }
            return false;
        } finally {
            mutex.unlock();
        }
    }

    /** @return whether {@code owner} holds {@code resource} in {@code mode} or a stronger one */
    public boolean holds(Owner owner, Object resource, Mode mode) {
        Mutexes.lock(mutex);
        try {
            Lock lock = locks.get(resource);
            if (lock == null) {
                return false;
            }
            return lock.exclusive == owner || (mode == Mode.SHARED && lock.sharedBy(owner));
        } finally {
            mutex.unlock();
        }
    }

    /** @return how many resources {@code owner} holds */
    public int heldCount(Owner owner) {
        Mutexes.lock(mutex);
        try {
            return owner.held.size();
        } finally {
            mutex.unlock();
        }
    }

    /** Releases every lock {@code owner} holds and wakes the owners waiting for them. */
    public void releaseAll(Owner owner) {
        Mutexes.lock(mutex);
        try {
            if (owner.held.isEmpty()) {
                return;
            }
            for (Lock lock : owner.held) {
                if (lock.exclusive == owner) {
                    lock.exclusive = null;
                }
                if (lock.shared != null) {
                    lock.shared.remove(owner);
                }
                if (lock.isFree()) {
                    locks.remove(lock.resource);
                } else {
                    lock.signalWaiters();
                }
            }
            owner.held.clear();
        } finally {
            mutex.unlock();
        }
    }

    /** @return the number of resources locked now (for tests and monitoring) */
    public int size() {
        Mutexes.lock(mutex);
        try {
            return locks.size();
        } finally {
            mutex.unlock();
        }
    }

    /** @return whether {@link #blockers} is empty, without building the list */
    private static boolean grantable(Lock lock, Owner owner, Mode mode) {
        if (lock.exclusive != null && lock.exclusive != owner) {
            return false;
        }
        if (mode == Mode.EXCLUSIVE) {
            if (lock.shared != null) {
                for (Owner s : lock.shared) {
                    if (s != owner) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (lock.exclusive != owner && !lock.sharedBy(owner) && lock.exclusiveQueue != null) {
            for (Owner w : lock.exclusiveQueue) {
                if (w != owner) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the owners that keep {@code owner}'s request from being granted */
    private static List<Owner> blockers(Lock lock, Owner owner, Mode mode) {
        List<Owner> out = new ArrayList<>(2);
        if (lock.exclusive != null && lock.exclusive != owner) {
            out.add(lock.exclusive);
        }
        if (mode == Mode.EXCLUSIVE) {
            if (lock.shared != null) {
                for (Owner s : lock.shared) {
                    if (s != owner) {
                        out.add(s);
                    }
                }
            }
        } else if (lock.exclusive != owner && !lock.sharedBy(owner) && lock.exclusiveQueue != null) {
            // queue behind waiting exclusive requests: their owners are the blockers
            for (Owner w : lock.exclusiveQueue) {
                if (w != owner) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static void grant(Lock lock, Owner owner, Mode mode) {
        boolean had = lock.exclusive == owner || lock.sharedBy(owner);
        if (mode == Mode.EXCLUSIVE) {
            if (lock.exclusive != owner) {
                lock.exclusive = owner;
                if (lock.shared != null) {
                    lock.shared.remove(owner);
                }
            }
        } else if (!had) {
            if (lock.shared == null) {
                lock.shared = new ArrayList<>(2);
            }
            lock.shared.add(owner);
        }
        if (!had) {
            owner.held.add(lock);
        }
    }

    /**
     * @return an owner on a cycle of waits that passes through {@code start}, or {@code null};
     *     follows every owner's single pending request to the owners that block it
     */
    private Owner deadlock(Owner start) {
        Set<Owner> seen = new HashSet<>();
        List<Owner> stack = new ArrayList<>(blockersOf(start));
        while (!stack.isEmpty()) {
            Owner o = stack.remove(stack.size() - 1);
            if (o == start) {
                List<Owner> b = blockersOf(start);
                return b.isEmpty() ? start : b.get(0);
            }
            if (o.waitingFor != null && seen.add(o)) {
                stack.addAll(blockersOf(o));
            }
        }
        return null;
    }

    private List<Owner> blockersOf(Owner o) {
        Lock l = locks.get(o.waitingFor);
        return l == null ? List.of() : blockers(l, o, o.waitingMode);
    }

}
