package dev.lodedb.storage.lsm;

import dev.lodedb.storage.util.InternalIterator;
import java.util.List;

/**
 * Iterates the sorted, disjoint files of one level above 0 as one sequence, opening each table
 * only when the cursor enters it (LevelDB's two-level "concatenating iterator" over
 * {@code Version::LevelFileNumIterator}). Holds a table-cache reference to at most one file.
 * Not thread-safe.
 */
final class LevelIterator implements InternalIterator {
    private final TableCache tableCache;
    private final List<FileMetaData> files;
    private final boolean fillCache;
    private int index = -1;
    private TableCache.Handle handle;
    private InternalIterator iter;

    LevelIterator(TableCache tableCache, List<FileMetaData> files, boolean fillCache) {
        this.tableCache = tableCache;
        this.files = files;
        this.fillCache = fillCache;
    }

    private void open(int i) {
        if (i == index && iter != null) {
            return;
        }
        closeCurrent();
        index = i;
        if (i >= 0 && i < files.size()) {
            handle = tableCache.acquire(files.get(i).number());
            iter = handle.table.newIterator(fillCache);
        }
    }

    private void closeCurrent() {
        if (iter != null) {
            iter.close();
            iter = null;
        }
        if (handle != null) {
            handle.release();
            handle = null;
        }
    }

    @Override
    public boolean isValid() {
        return iter != null && iter.isValid();
    }

    @Override
    public void seekToFirst() {
        open(0);
        if (iter != null) {
            iter.seekToFirst();
        }
        skipEmptyForward();
    }

    @Override
    public void seekToLast() {
        open(files.size() - 1);
        if (iter != null) {
            iter.seekToLast();
        }
        skipEmptyBackward();
    }

    @Override
    public void seek(byte[] target) {
        open(Version.findFile(files, target));
        if (iter != null) {
            iter.seek(target);
        }
        skipEmptyForward();
    }

    @Override
    public void next() {
        iter.next();
        skipEmptyForward();
    }

    @Override
    public void prev() {
        iter.prev();
        skipEmptyBackward();
    }

    private void skipEmptyForward() {
        while (iter != null && !iter.isValid()) {
            if (index + 1 >= files.size()) {
                closeCurrent();
                return;
            }
            open(index + 1);
            iter.seekToFirst();
        }
    }

    private void skipEmptyBackward() {
        while (iter != null && !iter.isValid()) {
            if (index - 1 < 0) {
                closeCurrent();
                return;
            }
            open(index - 1);
            iter.seekToLast();
        }
    }

    @Override
    public byte[] key() {
        return iter.key();
    }

    @Override
    public byte[] value() {
        return iter.value();
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
