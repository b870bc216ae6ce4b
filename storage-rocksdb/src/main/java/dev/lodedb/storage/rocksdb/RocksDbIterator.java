package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.StoreException;
import dev.lodedb.storage.StoreIterator;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A {@link StoreIterator} over a {@link RocksDbStore}: a native {@code rocksdb::Iterator} plus
 * the native objects it points into, which must outlive it: its {@code ReadOptions} and the
 * {@code iterate_lower_bound}/{@code iterate_upper_bound} slices. All of them are freed together
 * by {@link #close()}.
 *
 * <p>Every method enters the store's lifecycle read lock, so an iterator can never touch a
 * closed database: once the store is closed (which closes its open iterators first), each
 * method throws {@link StoreException}. After the iterator's own {@link #close()}, each method
 * except {@code close} throws {@link IllegalStateException}.
 *
 * <p>Not thread-safe (like every {@code StoreIterator}); it may be closed concurrently with the
 * store's {@code close}.
 */
final class RocksDbIterator implements StoreIterator {
    private final RocksDbStore store;
    private final RocksIterator it;
    private final ReadOptions readOptions;
    private final Slice lower;
    private final Slice upper;
    private final RocksDbSnapshot snapshot;
    /** Closed by its user; guarded by the store's lifecycle lock. */
    private boolean closed;
    /** Closed because the store closed; guarded by the store's lifecycle lock. */
    private boolean storeClosed;

    RocksDbIterator(RocksDbStore store, RocksIterator it, ReadOptions readOptions, Slice lower,
                    Slice upper, RocksDbSnapshot snapshot) {
        this.store = store;
        this.it = it;
        this.readOptions = readOptions;
        this.lower = lower;
        this.upper = upper;
        this.snapshot = snapshot;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isValid() {
        enter();
        try {
            return it.isValid();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void seekToFirst() {
        enter();
        try {
            it.seekToFirst();
            checkStatus();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void seekToLast() {
        enter();
        try {
            it.seekToLast();
            checkStatus();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void seek(byte[] target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        enter();
        try {
            it.seek(target);
            checkStatus();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void seekForPrev(byte[] target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        enter();
        try {
            it.seekForPrev(target);
            checkStatus();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void next() {
        enter();
        try {
            requireValid();
            it.next();
            checkStatus();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void prev() {
        enter();
        try {
            requireValid();
            it.prev();
            checkStatus();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public byte[] key() {
        enter();
        try {
            requireValid();
            return it.key();
        } finally {
            store.exit();
        }
    }

    /** {@inheritDoc} */
    @Override
    public byte[] value() {
        enter();
        try {
            requireValid();
            return it.value();
        } finally {
            store.exit();
        }
    }

    /**
     * Frees the native iterator, its read options and bound slices, and unpins its snapshot.
     * Idempotent; never throws, also after the store was closed.
     */
    @Override
    public void close() {
        if (!store.enterIfOpen()) {
            return; // the store's close has freed everything already
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            store.forget(this);
            freeNative();
        } finally {
            store.exit();
        }
    }

    /** Called by {@link RocksDbStore#close()} under its exclusive lock. */
    void closeForStore() {
        if (closed) {
            return;
        }
        closed = true;
        storeClosed = true;
        freeNative();
    }

    private void freeNative() {
        it.close();
        readOptions.close();
        if (lower != null) {
            lower.close();
        }
        if (upper != null) {
            upper.close();
        }
        if (snapshot != null && !storeClosed) {
            snapshot.unpin();
        }
    }

    private void enter() {
        store.enter(); // throws StoreException when the store is closed
        if (closed) {
            store.exit();
            throw storeClosed ? store.closedException() : new IllegalStateException("iterator is closed");
        }
    }

    private void requireValid() {
        if (!it.isValid()) {
            throw new IllegalStateException("iterator is not positioned at an entry");
        }
    }

    private void checkStatus() {
        if (!it.isValid()) {
            try {
                it.status();
            } catch (RocksDBException e) {
                throw store.translate("iterator failed", e);
            }
        }
    }
}
