package dev.lodedb.storage.lsm;

import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.sstable.RangeTombstone;
import dev.lodedb.storage.util.InternalIterator;
import dev.lodedb.storage.util.InternalKey;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory write buffer: every version of every key written since the last flush, ordered
 * by internal key, in a concurrent skip list (Pugh, "Skip Lists: A Probabilistic Alternative to
 * Balanced Trees", 1990; {@link ConcurrentSkipListMap}). Range tombstones are kept in a separate
 * list so that point lookups and scans do not wade through them.
 *
 * <p>Thread-safety: one writer at a time (the group-commit leader) and any number of concurrent
 * readers. A reader sees an entry only after the store publishes its sequence number, so the
 * skip list never exposes a partially applied batch to a snapshot read.
 */
final class MemTable {
    /** Bytes charged per entry beyond key and value: skip-list node, index nodes and array headers. */
    static final int ENTRY_OVERHEAD = 80;

    private final ConcurrentSkipListMap<byte[], byte[]> table = new ConcurrentSkipListMap<>(InternalKey.COMPARATOR);
    private final List<RangeTombstone> rangeTombstones = new CopyOnWriteArrayList<>();
    private final AtomicLong approximateBytes = new AtomicLong();
    /** Incremented after every change to {@link #rangeTombstones} (see {@link #rangeTombstoneVersion}). */
    private final AtomicLong rangeTombstoneVersion = new AtomicLong();
    private final long logNumber;

    /** @param logNumber the write-ahead log holding this memtable's writes */
    MemTable(long logNumber) {
        this.logNumber = logNumber;
    }

    long logNumber() {
        return logNumber;
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * Inserts every operation of {@code batch}, the first at {@code firstSequence} and each next
     * one at the next sequence number. Safe to call from several threads at once for disjoint
     * sequence ranges (the members of a commit group).
     */
    void apply(WriteBatch batch, long firstSequence) {
        long[] seq = {firstSequence};
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                add(seq[0]++, InternalKey.TYPE_VALUE, key, value);
            }

            @Override
            public void delete(byte[] key) {
                add(seq[0]++, InternalKey.TYPE_DELETION, key, EMPTY);
            }

            @Override
            public void deleteRange(byte[] start, byte[] end) {
                addRangeTombstone(seq[0]++, start, end);
            }
        });
    }

    /**
     * Takes out again what {@link #apply} inserted for {@code batch} at {@code firstSequence}
     * (entries no reader can see yet: their sequence numbers are not published). Same writer
     * rules as {@link #apply}.
     */
    void unapply(WriteBatch batch, long firstSequence) {
        long[] seq = {firstSequence};
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                remove(InternalKey.encode(key, seq[0]++, InternalKey.TYPE_VALUE));
            }

            @Override
            public void delete(byte[] key) {
                remove(InternalKey.encode(key, seq[0]++, InternalKey.TYPE_DELETION));
            }

            @Override
            public void deleteRange(byte[] start, byte[] end) {
                long s = seq[0]++;
                rangeTombstones.removeIf(t -> t.sequence() == s);
                rangeTombstoneVersion.incrementAndGet();
                approximateBytes.addAndGet(-(start.length + end.length + ENTRY_OVERHEAD));
            }
        });
    }

    private void remove(byte[] ikey) {
        byte[] value = table.remove(ikey);
        if (value != null) {
            approximateBytes.addAndGet(-(ikey.length + value.length + ENTRY_OVERHEAD));
        }
    }

    /** Inserts a point entry (value or deletion) at {@code sequence}. */
    void add(long sequence, int type, byte[] userKey, byte[] value) {
        byte[] ikey = InternalKey.encode(userKey, sequence, type);
        table.put(ikey, value);
        approximateBytes.addAndGet(ikey.length + value.length + ENTRY_OVERHEAD);
    }

    /** Inserts a range tombstone over {@code [start, end)} at {@code sequence}. */
    void addRangeTombstone(long sequence, byte[] start, byte[] end) {
        rangeTombstones.add(new RangeTombstone(start, end, sequence));
        rangeTombstoneVersion.incrementAndGet();
        approximateBytes.addAndGet(start.length + end.length + ENTRY_OVERHEAD);
    }

    long approximateBytes() {
        return approximateBytes.get();
    }

    boolean isEmpty() {
        return table.isEmpty() && rangeTombstones.isEmpty();
    }

    long numEntries() {
        return table.size();
    }

    List<RangeTombstone> rangeTombstones() {
        return rangeTombstones;
    }

    /**
     * @return a count that changes after every change to {@link #rangeTombstones()}: a reader that
     *     reads it, then the list, knows that a later equal count means no tombstone was added or
     *     removed since (changes are counted after they are made)
     */
    long rangeTombstoneVersion() {
        return rangeTombstoneVersion.get();
    }

    /**
     * @return the newest entry for the user key of {@code lookupKey} with sequence at most the
     *     lookup key's, or {@code null}
     */
    Map.Entry<byte[], byte[]> get(byte[] lookupKey) {
        Map.Entry<byte[], byte[]> e = table.ceilingEntry(lookupKey);
        if (e == null || !InternalKey.sameUserKey(e.getKey(), lookupKey)) {
            return null;
        }
        return e;
    }

    /** @return an iterator over the point entries; sees entries added after its creation too */
    InternalIterator iterator() {
        return new MemTableIterator(table);
    }

    /**
     * Iterates a skip list: forward steps walk a tail-map iterator (O(1) each); backward steps and
     * seeks re-navigate from the current key (O(log n)). Stays valid under concurrent inserts.
     */
    private static final class MemTableIterator implements InternalIterator {
        private final ConcurrentNavigableMap<byte[], byte[]> map;
        private Map.Entry<byte[], byte[]> current;
        private java.util.Iterator<Map.Entry<byte[], byte[]>> forward;

        MemTableIterator(ConcurrentNavigableMap<byte[], byte[]> map) {
            this.map = map;
        }

        @Override
        public boolean isValid() {
            return current != null;
        }

        @Override
        public void seekToFirst() {
            forward = map.entrySet().iterator();
            current = forward.hasNext() ? forward.next() : null;
        }

        @Override
        public void seekToLast() {
            forward = null;
            current = map.lastEntry();
        }

        @Override
        public void seek(byte[] target) {
            forward = map.tailMap(target, true).entrySet().iterator();
            current = forward.hasNext() ? forward.next() : null;
        }

        @Override
        public void next() {
            check();
            if (forward == null) {
                forward = map.tailMap(current.getKey(), false).entrySet().iterator();
            }
            current = forward.hasNext() ? forward.next() : null;
        }

        @Override
        public void prev() {
            check();
            forward = null;
            current = map.lowerEntry(current.getKey());
        }

        @Override
        public byte[] key() {
            check();
            return current.getKey();
        }

        @Override
        public byte[] value() {
            check();
            return current.getValue();
        }

        private void check() {
            if (current == null) {
                throw new NoSuchElementException("memtable iterator is not positioned");
            }
        }
    }
}
