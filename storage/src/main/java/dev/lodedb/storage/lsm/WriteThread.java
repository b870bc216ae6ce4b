package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.util.Mutexes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The group-commit queue of a store (RocksDB's {@code WriteThread}, LevelDB's writer deque):
 * writers line up in FIFO order; the one at the head leads a group of the writers behind it
 * through one log write, then every member inserts its own batch into the memtable in parallel,
 * and the lead passes to the next writer in line.
 *
 * <p>Waiting writers spin, then yield, then park (RocksDB's {@code WriteThread::AwaitState}): a
 * commit takes microseconds, about as long as a park and wake-up, so blocking at once would double
 * the cost of every hand-off.
 *
 * <p>Thread-safety: the queue itself is guarded by the store's mutex (passed in); the flags a
 * waiting writer polls are volatile.
 */
final class WriteThread {
    /** One writer in the queue; a null batch marks an exclusive action (checkpoint, flush, close). */
    static final class Writer {
        final WriteBatch batch;
        final boolean sync;
        final boolean disableWal;
        /** The caller will wait for the batch's fsync itself ({@code KeyValueStore.awaitDurable}). */
        final boolean deferredSync;
        final Thread thread = Thread.currentThread();
        volatile boolean head;
        volatile boolean done;
        volatile boolean applyNow;
        // Set by the leader before applyNow (the volatile write publishes them).
        long firstSequence;
        MemTable target;
        Group group;
        // Set by the leader before done.
        RuntimeException error;
        /** The sequence number of the batch's last operation (set by the leader before done). */
        long lastSequence;

        Writer(WriteBatch batch, boolean sync, boolean disableWal) {
            this(batch, sync, disableWal, false);
        }

        Writer(WriteBatch batch, boolean sync, boolean disableWal, boolean deferredSync) {
            this.batch = batch;
            this.sync = sync;
            this.disableWal = disableWal;
            this.deferredSync = deferredSync;
        }
    }

    /** A commit group whose members insert their own batches into the memtable in parallel. */
    private static final class Group {
        final AtomicInteger pending;
        final Thread leader;
        volatile Throwable failure;

        Group(int size, Thread leader) {
            this.pending = new AtomicInteger(size);
            this.leader = leader;
        }
    }

    private final ReentrantLock mutex;
    private final ArrayDeque<Writer> writers = new ArrayDeque<>();

    WriteThread(ReentrantLock mutex) {
        this.mutex = mutex;
    }

    /** Appends {@code w} to the queue; @return whether it is at the head (the leader). */
    boolean enqueue(Writer w) {
        Mutexes.lock(mutex);
        try {
            writers.addLast(w);
            if (writers.peekFirst() == w) {
                w.head = true;
                return true;
            }
            return false;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Waits until {@code w} is done or has become the head of the queue; in between, inserts its
     * own batch when its group's leader says so. Call without the mutex.
     */
    void awaitTurn(Writer w) {
        int spins = 0;
        boolean applied = false;
        for (;;) {
            if (w.done || w.head) {
                return;
            }
            if (w.applyNow && !applied) {
                applied = true;
                applyMember(w);
                spins = 0;
                continue;
            }
            if (spins < 256) {
                spins++;
                Thread.onSpinWait();
            } else if (spins < 320) {
                spins++;
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /**
     * Forms the group the head {@code leader} commits: the writers from the head on with the same
     * WAL setting, up to {@code maxBytes} of batches (at least the leader). Mutex held.
     */
    List<Writer> formGroup(Writer leader, long maxBytes) {
        List<Writer> group = new ArrayList<>();
        long size = 0;
        for (Writer w : writers) {
            if (w.batch == null || w.disableWal != leader.disableWal) {
                break;
            }
            if (!group.isEmpty() && size + w.batch.approximateSize() > maxBytes) {
                break;
            }
            group.add(w);
            size += w.batch.approximateSize();
        }
        return group;
    }

    /**
     * Inserts a group's batches into {@code target}, every member its own, in parallel (RocksDB's
     * {@code allow_concurrent_memtable_write}); returns when all are in. The skip list takes
     * concurrent inserts; readers cannot see them until the leader publishes the group's last
     * sequence number. Call without the mutex.
     *
     * @throws StoreException if an insert failed
     */
    static void applyInParallel(List<Writer> group, Writer leader, long first, MemTable target) {
        Group g = new Group(group.size(), leader.thread);
        long seq = first;
        for (Writer w : group) {
            w.firstSequence = seq;
            w.target = target;
            w.group = g;
            seq += w.batch.count();
        }
        for (Writer w : group) {
            if (w != leader) {
                w.applyNow = true;
                LockSupport.unpark(w.thread);
            }
        }
        applyMember(leader);
        int spins = 0;
        while (g.pending.get() != 0) {
            if (spins < 256) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(g);
            }
        }
        if (g.failure != null) {
            throw new StoreException("memtable insert failed: " + g.failure, g.failure);
        }
    }

    /** A group member inserts its own batch at the sequence numbers its leader assigned. */
    private static void applyMember(Writer w) {
        Group g = w.group;
        try {
            w.target.apply(w.batch, w.firstSequence);
        } catch (Throwable t) {
            g.failure = t;
        } finally {
            if (g.pending.decrementAndGet() == 0) {
                LockSupport.unpark(g.leader);
            }
        }
    }

    /**
     * Completes {@code group} (which is at the head of the queue) with {@code error} (null for
     * success), wakes its members and makes the next writer the head. Mutex held.
     */
    void finish(List<Writer> group, Writer leader, RuntimeException error) {
        for (Writer w : group) {
            writers.pollFirst();
            w.error = error;
            w.done = true;
            if (w != leader) {
                LockSupport.unpark(w.thread);
            }
        }
        promoteNext();
    }

    /** Removes the head (an exclusive action that is over) and makes the next writer the head. Mutex held. */
    void popHead() {
        writers.pollFirst();
        promoteNext();
    }

    private void promoteNext() {
        Writer next = writers.peekFirst();
        if (next != null) {
            next.head = true;
            LockSupport.unpark(next.thread);
        }
    }
}
