package dev.lodedb.storage.sstable;

import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;

/**
 * Two-level iterator over a {@link Table}: a cursor over the index block picks a data block, a
 * cursor over that data block yields the entries. After LevelDB's
 * {@code table/two_level_iterator.cc}, including skipping of empty data blocks in both
 * directions. Not thread-safe.
 */
final class TableIterator implements InternalIterator {
    private final Table table;
    private final BlockIterator index;
    private final boolean fillCache;
    private BlockIterator data;
    private long dataOffset = -1;

    TableIterator(Table table, BlockIterator index, boolean fillCache) {
        this.table = table;
        this.index = index;
        this.fillCache = fillCache;
    }

    @Override
    public boolean isValid() {
        return data != null && data.isValid();
    }

    @Override
    public void seekToFirst() {
        index.seekToFirst();
        initDataBlock();
        if (data != null) {
            data.seekToFirst();
        }
        skipEmptyForward();
    }

    @Override
    public void seekToLast() {
        index.seekToLast();
        initDataBlock();
        if (data != null) {
            data.seekToLast();
        }
        skipEmptyBackward();
    }

    @Override
    public void seek(byte[] target) {
        index.seek(target);
        initDataBlock();
        if (data != null) {
            data.seek(target);
        }
        skipEmptyForward();
    }

    @Override
    public void next() {
        requireValid();
        data.next();
        skipEmptyForward();
    }

    @Override
    public void prev() {
        requireValid();
        data.prev();
        skipEmptyBackward();
    }

    @Override
    public byte[] key() {
        requireValid();
        return data.key();
    }

    @Override
    public byte[] value() {
        requireValid();
        return data.value();
    }

    @Override
    public void close() {
        data = null;
        dataOffset = -1;
    }

    private void skipEmptyForward() {
        while (data == null || !data.isValid()) {
            if (!index.isValid()) {
                data = null;
                dataOffset = -1;
                return;
            }
            index.next();
            initDataBlock();
            if (data != null) {
                data.seekToFirst();
            }
        }
    }

    private void skipEmptyBackward() {
        while (data == null || !data.isValid()) {
            if (!index.isValid()) {
                data = null;
                dataOffset = -1;
                return;
            }
            index.prev();
            initDataBlock();
            if (data != null) {
                data.seekToLast();
            }
        }
    }

    private void initDataBlock() {
        if (!index.isValid()) {
            data = null;
            dataOffset = -1;
            return;
        }
        BlockHandle h = table.decodeIndexHandle(index);
        if (data != null && h.offset() == dataOffset) {
            return;
        }
        data = table.dataBlock(h, fillCache).iterator(InternalKey.COMPARATOR);
        dataOffset = h.offset();
    }

    private void requireValid() {
        if (!isValid()) {
            throw new IllegalStateException("iterator not positioned at an entry");
        }
    }
}
