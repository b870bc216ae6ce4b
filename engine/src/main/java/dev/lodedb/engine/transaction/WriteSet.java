package dev.lodedb.engine.transaction;

import dev.lodedb.storage.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes of an open transaction, buffered until it commits: an ordered map from key to the
 * new value or a deletion, which reads of the transaction overlay on its snapshot
 * ({@link TransactionView}), plus an undo log so that a savepoint can be rolled back to
 * ({@link #mark()}, {@link #rollbackTo(int)}). This is the role of RocksDB's
 * {@code WriteBatchWithIndex} in its transactions.
 *
 * <p>Memory: about 100 bytes of overhead per key plus the keys and values; {@link #bytes()}
 * reports the approximate total. Not thread-safe: one transaction, one thread at a time.
 */
public final class WriteSet {
    /**
     * The value that stands for a deleted key (identity-compared); a statement's pending writes
     * use it too, so that {@link #adopt} can take them over without a copy.
     */
    public static final byte[] DELETED = new byte[0];
    /** Stands for "the key was not in the write set" in the undo log. */
    private static final byte[] ABSENT = new byte[0];
    /** An undo-log entry that removes the newest range deletion. */
    private static final byte[][] RANGE_MARKER = new byte[0][];

    /**
     * Deleted key ranges {@code [lower, upper)} (DROP TABLE, TRUNCATE). Every key in the map is
     * newer than every range that covers it: a range deletion removes the keys it covers.
     */
    private final List<byte[][]> deletedRanges = new ArrayList<>();

    private TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
    /** Pairs (key, previous value or {@link #ABSENT}), newest last; kept only while a savepoint exists. */
    private final List<byte[][]> undo = new ArrayList<>();
    private int savepoints;
    private long bytes;

    /** Buffers a put of {@code value} under {@code key} (the arrays are not copied). */
    public void put(byte[] key, byte[] value) {
        record(key, map.put(key, value));
        bytes += key.length + value.length + 96;
    }

    /** Buffers a deletion of {@code key}. */
    public void delete(byte[] key) {
        record(key, map.put(key, DELETED));
        bytes += key.length + 96;
    }

    /**
     * Buffers the deletion of every key in {@code [lower, upper)}: the snapshot's keys there are
     * hidden, and the write set's own keys there are dropped.
     */
    public void deleteRange(byte[] lower, byte[] upper) {
        NavigableMap<byte[], byte[]> covered = map.subMap(lower, true, upper, false);
        for (Map.Entry<byte[], byte[]> e : covered.entrySet()) {
            record(e.getKey(), e.getValue());
        }
        covered.clear();
        if (savepoints > 0) {
            undo.add(RANGE_MARKER);
        }
        deletedRanges.add(new byte[][] {lower, upper});
        bytes += lower.length + upper.length + 64;
    }

    /** @return whether a range deletion of this write set covers {@code key} */
    public boolean inDeletedRange(byte[] key) {
        for (byte[][] r : deletedRanges) {
            if (Arrays.compareUnsigned(key, r[0]) >= 0 && Arrays.compareUnsigned(key, r[1]) < 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the deleted ranges {@code [lower, upper)}, oldest first (live view; do not modify) */
    public List<byte[][]> deletedRanges() {
        return java.util.Collections.unmodifiableList(deletedRanges);
    }

    /** @return whether a savepoint is open (its undo entries are kept) */
    public boolean inSavepoint() {
        return savepoints > 0;
    }

    /** @return whether the write set deletes any range */
    public boolean hasDeletedRanges() {
        return !deletedRanges.isEmpty();
    }

    private void record(byte[] key, byte[] previous) {
        if (savepoints > 0) {
            undo.add(new byte[][] {key, previous == null ? ABSENT : previous});
        }
    }

    /**
     * @return {@code null} if the transaction did not write {@code key}; an array for which
     *     {@link #isDeleted} holds if it deleted it; else the value it wrote
     */
    public byte[] lookup(byte[] key) {
        return map.get(key);
    }

    /** @return whether {@link #adopt} may be called: nothing written yet and no savepoint open */
    public boolean canAdopt() {
        return map.isEmpty() && deletedRanges.isEmpty() && savepoints == 0;
    }

    /**
     * Takes {@code writes} (keys in unsigned order, {@link #DELETED} for deletions) as the whole
     * write set without copying; the caller must not use the map afterwards.
     *
     * @throws IllegalStateException unless {@link #canAdopt()}, or when the map is not in
     *     unsigned key order
     */
    public void adopt(TreeMap<byte[], byte[]> writes) {
        if (!canAdopt() || writes.comparator() == null) {
            throw new IllegalStateException("cannot adopt writes into a write set in use");
        }
        map = writes;
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            bytes += e.getKey().length + e.getValue().length + 96;
        }
    }

    /** @return whether a value from this write set stands for a deletion */
    public static boolean isDeleted(byte[] value) {
        return value == DELETED;
    }

    /** @return the buffered writes in key order (values {@link #isDeleted} are deletions); live view */
    public NavigableMap<byte[], byte[]> entries() {
        return map;
    }

    /** @return whether nothing is buffered */
    public boolean isEmpty() {
        return map.isEmpty() && deletedRanges.isEmpty();
    }

    /** @return the number of keys written */
    public int size() {
        return map.size();
    }

    /** @return the approximate memory the buffered writes take, in bytes */
    public long bytes() {
        return bytes;
    }

    /**
     * Starts a savepoint.
     *
     * @return the mark to pass to {@link #rollbackTo} or {@link #release}
     */
    public int mark() {
        savepoints++;
        return undo.size();
    }

    /** Forgets a savepoint (RELEASE): its writes stay. */
    public void release() {
        if (savepoints > 0 && --savepoints == 0) {
            undo.clear();
        }
    }

    /**
     * Undoes every write made since {@code mark} was taken; the savepoint stays (as after
     * PostgreSQL's ROLLBACK TO, which keeps the savepoint for reuse).
     */
    public void rollbackTo(int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) {
            byte[][] u = undo.remove(i);
            if (u == RANGE_MARKER) {
                deletedRanges.remove(deletedRanges.size() - 1);
            } else if (u[1] == ABSENT) {
                map.remove(u[0]);
            } else {
                map.put(u[0], u[1]);
            }
        }
    }

    /**
     * Splits the write set at savepoints, for writing it into the store in the order it was made
     * (a transaction that spills with savepoints open, see {@link UndoLog}): element 0 holds the
     * state at {@code marks[0]}, element {@code i} the keys written between {@code marks[i-1]} and
     * {@code marks[i]} (the last element: after the last mark) with their values at its end.
     * Writing the elements in order reproduces every savepoint's state at the boundary before the
     * element that follows it. Deleted ranges older than {@code marks[0]} are not included (see
     * {@link #deletedRanges}). The maps share the key and value arrays of the write set.
     *
     * @param marks savepoint marks from {@link #mark()}, ascending
     * @return {@code marks.length + 1} ordered maps ({@link #isDeleted} values are deletions), or
     *     {@code null} when a range was deleted after {@code marks[0]} (then there is no such split)
     */
    public List<NavigableMap<byte[], byte[]>> segments(int[] marks) {
        List<NavigableMap<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i <= marks.length; i++) {
            out.add(new TreeMap<>(Arrays::compareUnsigned));
        }
        // walking the undo log backwards: a touched key's value at the current point of the walk
        TreeMap<byte[], byte[]> current = new TreeMap<>(Arrays::compareUnsigned);
        int segment = marks.length;
        for (int j = undo.size() - 1; j >= marks[0]; j--) {
            while (segment > 0 && j < marks[segment - 1]) {
                segment--;
            }
            byte[][] u = undo.get(j);
            if (u == RANGE_MARKER) {
                return null;
            }
            byte[] now = current.containsKey(u[0]) ? current.get(u[0]) : map.get(u[0]);
            // the first sight of a key in a segment, walking backwards, is its value at the segment's end
            out.get(segment).putIfAbsent(u[0], now);
            current.put(u[0], u[1]);
        }
        NavigableMap<byte[], byte[]> first = out.get(0);
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            byte[] v = current.containsKey(e.getKey()) ? current.get(e.getKey()) : e.getValue();
            if (v != ABSENT) {
                first.put(e.getKey(), v);
            }
        }
        return out;
    }

    /**
     * Appends every buffered write to {@code batch}: the range deletions, then the keys in order.
     * The key and value arrays are shared with the batch ({@link WriteBatch#putShared}): nothing
     * may change them afterwards.
     */
    public void appendTo(WriteBatch batch) {
        for (byte[][] r : deletedRanges) {
            batch.deleteRange(r[0], r[1]);
        }
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            if (e.getValue() == DELETED) {
                batch.deleteShared(e.getKey());
            } else {
                batch.putShared(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * @return a new batch holding every buffered write ({@link #appendTo}), its buffer sized for
     *     them up front
     */
    public WriteBatch toBatch() {
        // bytes() charges 96 per key where the encoding takes at most 11 (tag and two lengths)
        WriteBatch batch = new WriteBatch((int) Math.min(Integer.MAX_VALUE - 16, WriteBatch.HEADER_SIZE
                + bytes - 85L * map.size()));
        appendTo(batch);
        return batch;
    }

    /** Forgets everything (after commit or rollback). */
    public void clear() {
        map.clear();
        deletedRanges.clear();
        undo.clear();
        savepoints = 0;
        bytes = 0;
    }
}
