package dev.lodedb.engine.transaction;

import dev.lodedb.engine.SqlException;
import java.util.ArrayList;
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
 * key wrapped in a {@link java.nio.ByteBuffer}, or a named resource such as the schema lock.
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

    /** A lock holder: one per transaction. Its fields are guarded by the manager's mutex. */
    public static final class Owner {
        private final String name;
        private final List<Object> held = new ArrayList<>();
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

    private static final class Lock {
        Owner exclusive;
        final List<Owner> shared = new ArrayList<>(2);
        /** Owners waiting for an exclusive lock, oldest first. */
        final List<Owner> exclusiveQueue = new ArrayList<>(1);
        /** Every owner waiting for this lock, in either mode. */
        final List<Owner> waiting = new ArrayList<>(1);

        boolean isFree() {
            return exclusive == null && shared.isEmpty() && waiting.isEmpty();
        }

        /** Wakes every owner waiting for this lock. */
        void signalWaiters() {
            for (Owner w : waiting) {
                w.wakeup.signal();
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
        mutex.lock();
        try {
            return acquireLocked(owner, resource, mode, timeoutMillis, cancelled, describe);
        } finally {
            mutex.unlock();
        }
    }

    private boolean acquireLocked(Owner owner, Object resource, Mode mode, long timeoutMillis,
            BooleanSupplier cancelled, java.util.function.Supplier<String> describe) {
        Lock lock = locks.computeIfAbsent(resource, r -> new Lock());
        if (lock.exclusive == owner || (mode == Mode.SHARED && lock.shared.contains(owner))) {
            return false;
        }
        if (grantable(lock, owner, mode)) {
            grant(lock, owner, resource, mode);
            return true;
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        owner.waitingFor = resource;
        owner.waitingMode = mode;
        if (owner.wakeup == null) {
            owner.wakeup = mutex.newCondition();
        }
        lock.waiting.add(owner);
        if (mode == Mode.EXCLUSIVE) {
            lock.exclusiveQueue.add(owner);
        }
        try {
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
                try {
                    // woken by a release of this resource; the timed wait also polls for cancel,
                    // timeout and deadlocks that form while waiting
                    owner.wakeup.await(Math.max(1, Math.min(50, (deadline - now) / 1_000_000L)), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SqlException("57014", "canceling statement due to interrupt");
                }
                if (grantable(lock, owner, mode)) {
                    grant(lock, owner, resource, mode);
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
     * Acquires {@code resource} in {@code mode} if that is possible without waiting (NOWAIT, SKIP
     * LOCKED).
     *
     * @return whether {@code owner} holds the lock now
     */
    public boolean tryAcquire(Owner owner, Object resource, Mode mode) {
        mutex.lock();
        try {
            Lock lock = locks.computeIfAbsent(resource, r -> new Lock());
            if (lock.exclusive == owner || (mode == Mode.SHARED && lock.shared.contains(owner))) {
                return true;
            }
            if (grantable(lock, owner, mode)) {
                grant(lock, owner, resource, mode);
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
        mutex.lock();
        try {
            Lock lock = locks.get(resource);
            if (lock == null) {
                return false;
            }
            return lock.exclusive == owner || (mode == Mode.SHARED && lock.shared.contains(owner));
        } finally {
            mutex.unlock();
        }
    }

    /** @return how many resources {@code owner} holds */
    public int heldCount(Owner owner) {
        mutex.lock();
        try {
            return owner.held.size();
        } finally {
            mutex.unlock();
        }
    }

    /** Releases every lock {@code owner} holds and wakes the owners waiting for them. */
    public void releaseAll(Owner owner) {
        mutex.lock();
        try {
            if (owner.held.isEmpty()) {
                return;
            }
            for (Object r : owner.held) {
                Lock lock = locks.get(r);
                if (lock == null) {
                    continue;
                }
                if (lock.exclusive == owner) {
                    lock.exclusive = null;
                }
                lock.shared.remove(owner);
                if (lock.isFree()) {
                    locks.remove(r);
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
        mutex.lock();
        try {
            return locks.size();
        } finally {
            mutex.unlock();
        }
    }

    private static boolean grantable(Lock lock, Owner owner, Mode mode) {
        return blockers(lock, owner, mode).isEmpty();
    }

    /** @return the owners that keep {@code owner}'s request from being granted */
    private static List<Owner> blockers(Lock lock, Owner owner, Mode mode) {
        List<Owner> out = new ArrayList<>(2);
        if (lock.exclusive != null && lock.exclusive != owner) {
            out.add(lock.exclusive);
        }
        if (mode == Mode.EXCLUSIVE) {
            for (Owner s : lock.shared) {
                if (s != owner) {
                    out.add(s);
                }
            }
        } else if (lock.exclusive != owner && !lock.shared.contains(owner)) {
            // queue behind waiting exclusive requests: their owners are the blockers
            for (Owner w : lock.exclusiveQueue) {
                if (w != owner) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static void grant(Lock lock, Owner owner, Object resource, Mode mode) {
        boolean had = lock.exclusive == owner || lock.shared.contains(owner);
        if (mode == Mode.EXCLUSIVE) {
            if (lock.exclusive != owner) {
                lock.exclusive = owner;
                lock.shared.remove(owner);
            }
        } else if (lock.exclusive != owner && !lock.shared.contains(owner)) {
            lock.shared.add(owner);
        }
        if (!had) {
            owner.held.add(resource);
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
