package dev.lodedb.storage.lsm;

import dev.lodedb.storage.sstable.RangeTombstone;
import java.util.Collection;
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
    /** The range tombstones of every source, fragmented once for every snapshot that sees them all. */
    private volatile TombstoneCache tombstoneCache;

    /**
     * The fragmented tombstones of all sources as of {@code memVersion} (the active memtable's
     * {@link MemTable#rangeTombstoneVersion}), and the highest sequence among them.
     */
    private record TombstoneCache(long memVersion, long maxSequence, FragmentedRangeTombstones all) {
    }

    SuperVersion(MemTable mem, List<MemTable> imms, Version version) {
        this.mem = mem;
        this.imms = imms;
        this.version = version;
    }

    /**
     * Returns {@code sources} (the range tombstones of this super version's memtables and files,
     * the active memtable's read after {@code memVersion}) fragmented for a reader at
     * {@code snapshot}. Fragmenting sorts every tombstone and cost a seventh of a point query by a
     * secondary index when every iterator did it; the result for a snapshot that sees every
     * tombstone is kept until the active memtable's tombstones change, and only a snapshot older
     * than the newest tombstone pays for its own.
     */
    FragmentedRangeTombstones fragmentedTombstones(Collection<? extends Collection<RangeTombstone>> sources,
            long memVersion, long snapshot) {
        TombstoneCache c = tombstoneCache;
        if (c == null || c.memVersion != memVersion) {
            long max = 0;
            for (Collection<RangeTombstone> source : sources) {
                for (RangeTombstone t : source) {
                    max = Math.max(max, t.sequence());
                }
            }
            c = new TombstoneCache(memVersion, max, FragmentedRangeTombstones.build(sources, Long.MAX_VALUE));
            tombstoneCache = c;
        }
        return c.maxSequence <= snapshot ? c.all : FragmentedRangeTombstones.build(sources, snapshot);
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
