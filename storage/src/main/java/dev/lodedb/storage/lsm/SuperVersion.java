package dev.lodedb.storage.lsm;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read state of a store at one moment: the active memtable, the immutable memtables waiting
 * for flush (newest first) and the current {@link Version}, published together so that a reader
 * never sees a memtable both flushed and listed (RocksDB's {@code SuperVersion}).
 *
 * <p>Reference counted: the store holds one reference while it is current and each reader one
 * more; the version is released when the count reaches zero. Thread-safe.
 */
final class SuperVersion {
    final MemTable mem;
    final List<MemTable> imms;
    final Version version;
    private final AtomicInteger refs = new AtomicInteger(1);

    SuperVersion(MemTable mem, List<MemTable> imms, Version version) {
        this.mem = mem;
        this.imms = imms;
        this.version = version;
    }

    /** @return whether a reference was taken (false once the count reached zero) */
    boolean tryRetain() {
        for (;;) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** @return whether this was the last reference */
    boolean release() {
        return refs.decrementAndGet() == 0;
    }
}
