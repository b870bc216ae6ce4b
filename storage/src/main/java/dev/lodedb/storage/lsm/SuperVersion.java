package dev.lodedb.storage.lsm;

import java.util.List;

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
    private final RefCount refs = new RefCount();

    SuperVersion(MemTable mem, List<MemTable> imms, Version version) {
        this.mem = mem;
        this.imms = imms;
        this.version = version;
    }

    /** @return whether a reference was taken (false once the count reached zero) */
    boolean tryRetain() {
        return refs.tryRetain();
    }

    /** @return whether this was the last reference */
    boolean release() {
        return refs.release();
    }
}
