package dev.lodedb.engine.transaction;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The store as one statement of a transaction sees it: the snapshot the statement reads, with the
 * transaction's own buffered writes ({@link WriteSet}) laid over it. Reads ({@code get},
 * iterators) go through the overlay and, for a serializable transaction, are recorded in its
 * {@link ReadSet}; every operator of the statement reads through this view, so a statement sees
 * the rows the transaction's earlier statements wrote.
 *
 * <p>The view is read-only: writes go to the transaction's write set, never to the store, so
 * {@code write} throws {@link UnsupportedOperationException}. A read whose options carry no
 * snapshot reads the view's snapshot; {@link #getSnapshot()} returns that snapshot, and releasing
 * it through the view does nothing (the transaction owns it). Not thread-safe: one statement.
 */
public final class TransactionView implements KeyValueStore {
    private final KeyValueStore store;
    private final Snapshot snapshot;
    private final WriteSet writes;
    private final ReadSet reads;
    /** What {@link #getSnapshot()} hands out: the view's snapshot, which its caller must not release. */
    private final Snapshot handle = new Snapshot() {
        @Override
        public long sequence() {
            return snapshot.sequence();
        }

        @Override
        public void close() {
        }
    };

    /**
     * @param store the store underneath
     * @param snapshot the statement's snapshot (owned by the caller)
     * @param writes the transaction's writes so far
     * @param reads where to record reads, or {@code null} not to record them
     */
    public TransactionView(KeyValueStore store, Snapshot snapshot, WriteSet writes, ReadSet reads) {
        this.store = store;
        this.snapshot = snapshot;
        this.writes = writes;
        this.reads = reads;
    }

    /** @return the store underneath the overlay */
    public KeyValueStore store() {
        return store;
    }

    private ReadOptions resolve(ReadOptions options) {
        Snapshot s = options.snapshot();
        return s == null || s == handle ? options.withSnapshot(snapshot) : options;
    }

    @Override
    public byte[] get(ReadOptions options, byte[] key) {
        if (reads != null) {
            reads.point(key);
        }
        byte[] mine = writes.lookup(key);
        if (mine != null) {
            return WriteSet.isDeleted(mine) ? null : mine;
        }
        if (writes.hasDeletedRanges() && writes.inDeletedRange(key)) {
            return null;
        }
        return store.get(resolve(options), key);
    }

    @Override
    public StoreIterator newIterator(ReadOptions options) {
        if (reads != null) {
            reads.range(options.lowerBound(), options.upperBound());
        }
        StoreIterator base = store.newIterator(resolve(options));
        if (writes.isEmpty()) {
            return base;
        }
        NavigableMap<byte[], byte[]> all = writes.entries();
        byte[] lo = options.lowerBound();
        byte[] hi = options.upperBound();
        NavigableMap<byte[], byte[]> delta;
        if (lo != null && hi != null) {
            delta = Arrays.compareUnsigned(lo, hi) >= 0 ? all.subMap(lo, true, lo, false) : all.subMap(lo, true, hi, false);
        } else if (lo != null) {
            delta = all.tailMap(lo, true);
        } else if (hi != null) {
            delta = all.headMap(hi, false);
        } else {
            delta = all;
        }
        if (delta.isEmpty() && !writes.hasDeletedRanges()) {
            return base;
        }
        return new OverlayIterator(base, delta, writes);
    }

    /** @throws UnsupportedOperationException always: a transaction buffers its writes */
    @Override
    public void write(WriteOptions options, WriteBatch batch) {
        throw new UnsupportedOperationException("a transaction view is read-only");
    }

    /** @return a handle on the view's snapshot; releasing it does nothing */
    @Override
    public Snapshot getSnapshot() {
        return handle;
    }

    /** Releases {@code s} unless it is the view's own snapshot or handle. */
    @Override
    public void releaseSnapshot(Snapshot s) {
        if (s != null && s != snapshot && s != handle) {
            store.releaseSnapshot(s);
        }
    }

    @Override
    public Snapshot retainSnapshot(Snapshot s) {
        return store.retainSnapshot(s == handle ? snapshot : s);
    }

    @Override
    public void checkpoint(Path target) {
        store.checkpoint(target);
    }

    @Override
    public void compactRange(byte[] begin, byte[] end) {
        store.compactRange(begin, end);
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public Map<String, Long> properties() {
        return store.properties();
    }

    /** Does nothing: the view does not own the store. */
    @Override
    public void close() {
    }
}
