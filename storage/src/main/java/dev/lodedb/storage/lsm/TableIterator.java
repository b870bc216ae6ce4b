package dev.lodedb.storage.lsm;

import dev.lodedb.storage.util.InternalIterator;

/**
 * An iterator over one table that also releases the table-cache reference when closed. Used for
 * level-0 files, which are each merged as a separate child. Not thread-safe.
 */
final class TableIterator implements InternalIterator {
    private final TableCache.Handle handle;
    private final InternalIterator iter;

    TableIterator(TableCache.Handle handle, boolean fillCache) {
        this.handle = handle;
        this.iter = handle.table.newIterator(fillCache);
    }

    @Override
    public boolean isValid() {
        return iter.isValid();
    }

    @Override
    public void seekToFirst() {
        iter.seekToFirst();
    }

    @Override
    public void seekToLast() {
        iter.seekToLast();
    }

    @Override
    public void seek(byte[] target) {
        iter.seek(target);
    }

    @Override
    public void next() {
        iter.next();
    }

    @Override
    public void prev() {
        iter.prev();
    }

    @Override
    public byte[] key() {
        return iter.key();
    }

    @Override
    public byte[] value() {
        return iter.value();
    }

    private boolean closed;

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            iter.close();
            handle.release();
        }
    }
}
