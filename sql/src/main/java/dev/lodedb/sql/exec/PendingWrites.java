package dev.lodedb.sql.exec;

import dev.lodedb.storage.WriteBatch;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes of one executing statement before they are committed: the {@link WriteBatch} that
 * will be applied atomically at the end, plus an ordered view of its keys so that the statement
 * can read its own writes (a primary-key check of the second of two rows with the same key in one
 * INSERT sees the first). {@code null} values are deletions. A statement of a transaction that
 * outgrew its memory hands its buffered writes to the store as it goes ({@link #spilled}); its
 * checks then read the store's latest state under what is buffered since. Not thread-safe.
 *
 * <p>The writes of a DML statement ({@link #ordered()}) are kept only in the ordered view, and
 * {@link #batch()} encodes them when asked: in a transaction block they join the transaction's
 * write set and never need a batch of their own.
 */
public final class PendingWrites {
    private WriteBatch batch = new WriteBatch();
    /** Whether {@link #put} and {@link #delete} encode into {@link #batch} as they go ({@link #ordered} does not). */
    private final boolean eager;
    /** Bytes the view's operations take encoded (an upper bound), when not {@link #eager}. */
    private long encodedBytes;

    /** Creates pending writes that encode the batch as they go (a caller may add to {@link #batch()} directly). */
    public PendingWrites() {
        this(true);
    }

    private PendingWrites(boolean eager) {
        this.eager = eager;
    }

    /**
     * @return pending writes kept only in the ordered view; {@link #batch()} encodes them on demand,
     *     and the caller must not add to that batch directly
     */
    public static PendingWrites ordered() {
        return new PendingWrites(false);
    }
    /** The order of keys: unsigned lexicographic (one instance, so that maps built from runs share it). */
    private static final java.util.Comparator<byte[]> ORDER = Arrays::compareUnsigned;
    private TreeMap<byte[], byte[]> view = new TreeMap<>(ORDER);
    /**
     * Writes whose keys came in ascending order above every key before them (a bulk insert's
     * rows), not yet in {@link #view}: key and value alternately, {@link #runLength} pairs. They
     * move into the view in one linear build ({@link #settle}) when the view is read, instead of a
     * tree insert each.
     */
    private byte[][] run = new byte[32][];
    private int runLength;
    /** The largest key written (in the view or the run), or {@code null} when there is none. */
    private byte[] lastKey;
    private static final byte[] DELETED = dev.lodedb.engine.transaction.WriteSet.DELETED;
    /** What the statement's constraint checks read, to lock and re-check before it commits. */
    private final java.util.List<Claim> claims = new java.util.ArrayList<>();

    /**
     * A read a constraint check relied on: the transaction locks {@code lockKey} (when not
     * {@code null}) and, before the statement's writes join the transaction, checks that the
     * committed contents of {@code [lower, upper)} are still those of the statement's snapshot.
     *
     * @param lockKey the key to lock, or {@code null} for none
     * @param exclusive whether the lock is exclusive (unique keys) or shared (a referenced row)
     * @param lower the inclusive lower bound of the range read
     * @param upper the exclusive upper bound of the range read
     */
    public record Claim(byte[] lockKey, boolean exclusive, byte[] lower, byte[] upper) {
    }

    /**
     * The store itself once part of the statement's writes went into it before the end of the
     * statement (a transaction too large for memory, see docs/transactions.md), else {@code null}.
     */
    private dev.lodedb.storage.KeyValueStore spilledTo;

    /**
     * Forgets the writes buffered so far, which the caller has written into {@code store}; from now on
     * the statement's checks read the latest state of {@code store} under the writes buffered
     * afterwards ({@link #checkStore}, {@link #checkOptions}). Valid only while no other
     * transaction can commit (the caller holds the schema lock exclusively), so that the latest
     * state is the statement's snapshot plus its own writes.
     */
    public void spilled(dev.lodedb.storage.KeyValueStore store) {
        clear();
        batch = new WriteBatch(); // let the large buffer go
        spilledTo = store;
    }

    /**
     * @return where a constraint check reads what the statement does not buffer: the statement's
     *     view, or the store once spilled
     */
    public dev.lodedb.storage.KeyValueStore checkStore(ExecContext ctx) {
        return spilledTo != null ? spilledTo : ctx.store();
    }

    /** @return the read options of {@link #checkStore}: the snapshot, or the latest state once spilled */
    public dev.lodedb.storage.ReadOptions checkOptions(ExecContext ctx) {
        return spilledTo != null ? dev.lodedb.storage.ReadOptions.DEFAULT : ctx.readOptions();
    }

    /**
     * @return the approximate heap the buffered writes take, in bytes: the batch's encoding (its
     *     buffer grows by doubling, so up to twice its size) plus, per key, a tree entry and the
     *     key's and value's arrays (about 96 bytes of headers and references), and the claims
     */
    public long bytes() {
        return 2L * (eager ? batch.approximateSize() : encodedBytes) + 96L * size() + 64L * claims.size();
    }

    /** Records a claim (see {@link Claim}). */
    public void claim(byte[] lockKey, boolean exclusive, byte[] lower, byte[] upper) {
        if (spilledTo != null) {
            return; // the transaction is the only writer now: nothing to lock or re-check
        }
        claims.add(new Claim(lockKey, exclusive, lower, upper));
    }

    /** Records a point read of {@code key} that a check relied on, locking the key. */
    public void claimKey(byte[] key, boolean exclusive) {
        if (spilledTo != null) {
            return;
        }
        claims.add(new Claim(key, exclusive, key, Arrays.copyOf(key, key.length + 1)));
    }

    /** @return the claims recorded, in order */
    public java.util.List<Claim> claims() {
        return claims;
    }

    /** Buffers a put. */
    public void put(byte[] key, byte[] value) {
        if (eager) {
            batch.put(key, value);
        } else {
            encodedBytes += 11 + key.length + value.length;
        }
        add(key, value);
    }

    /** Buffers a delete. */
    public void delete(byte[] key) {
        if (eager) {
            batch.delete(key);
        } else {
            encodedBytes += 6 + key.length;
        }
        add(key, DELETED);
    }

    private void add(byte[] key, byte[] value) {
        if (lastKey != null && Arrays.compareUnsigned(key, lastKey) <= 0) {
            settle();
            view.put(key, value);
            return;
        }
        if (2 * runLength + 2 > run.length) {
            run = Arrays.copyOf(run, 2 * run.length);
        }
        run[2 * runLength] = key;
        run[2 * runLength + 1] = value;
        runLength++;
        lastKey = key;
    }

    /** Moves the ascending run into the view: a linear build when the view is empty, else one insert each. */
    private void settle() {
        if (runLength == 0) {
            return;
        }
        if (view.isEmpty()) {
            view = new TreeMap<>(new Run(run, runLength)); // TreeMap's build from a sorted map: no comparisons
        } else {
            for (int i = 0; i < runLength; i++) {
                view.put(run[2 * i], run[2 * i + 1]);
            }
        }
        Arrays.fill(run, 0, 2 * runLength, null);
        runLength = 0;
    }

    /**
     * An ascending run as the sorted map that {@link TreeMap#TreeMap(java.util.SortedMap)} builds
     * from: it reads only the size, the comparator and the entries in order; the other views are
     * not supported.
     */
    private static final class Run extends java.util.AbstractMap<byte[], byte[]>
            implements java.util.SortedMap<byte[], byte[]> {
        private final byte[][] pairs;
        private final int length;

        Run(byte[][] pairs, int length) {
            this.pairs = pairs;
            this.length = length;
        }

        @Override
        public java.util.Comparator<? super byte[]> comparator() {
            return ORDER;
        }

        @Override
        public int size() {
            return length;
        }

        @Override
        public java.util.Set<Entry<byte[], byte[]>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public int size() {
                    return length;
                }

                @Override
                public java.util.Iterator<Entry<byte[], byte[]>> iterator() {
                    return new java.util.Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < length;
                        }

                        @Override
                        public Entry<byte[], byte[]> next() {
                            if (i >= length) {
                                throw new java.util.NoSuchElementException();
                            }
                            i++;
                            return new SimpleImmutableEntry<>(pairs[2 * i - 2], pairs[2 * i - 1]);
                        }
                    };
                }
            };
        }

        @Override
        public java.util.SortedMap<byte[], byte[]> subMap(byte[] from, byte[] to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedMap<byte[], byte[]> headMap(byte[] to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedMap<byte[], byte[]> tailMap(byte[] from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] firstKey() {
            return pairs[0];
        }

        @Override
        public byte[] lastKey() {
            return pairs[2 * length - 2];
        }
    }

    /**
     * @return {@code null} if the statement did not write {@code key}; an empty array if it
     *     deleted it; else the value it wrote
     */
    public byte[] lookup(byte[] key) {
        if (lastKey == null || Arrays.compareUnsigned(key, lastKey) > 0) {
            return null; // above every key written
        }
        settle();
        return view.get(key);
    }

    /** @return whether a lookup result means "deleted" */
    public static boolean isDeleted(byte[] lookup) {
        return lookup == DELETED;
    }

    /** @return the ordered pending keys and values ({@link #isDeleted} values are deletions) */
    public NavigableMap<byte[], byte[]> view() {
        settle();
        return view;
    }

    /**
     * Hands the ordered writes over (to a transaction's write set, which takes the map without a
     * copy) and forgets them here.
     *
     * @return the writes in key order ({@link #isDeleted} values are deletions)
     */
    public TreeMap<byte[], byte[]> release() {
        settle();
        TreeMap<byte[], byte[]> out = view;
        view = new TreeMap<>(ORDER);
        lastKey = null;
        batch.clear();
        encodedBytes = 0;
        return out;
    }

    /**
     * @return the batch to commit: the live batch, or for {@link #ordered()} writes a new batch of
     *     the view's operations in key order (sharing their arrays: nothing may change them)
     */
    public WriteBatch batch() {
        if (eager) {
            return batch;
        }
        WriteBatch b = new WriteBatch((int) Math.min(Integer.MAX_VALUE - 16, WriteBatch.HEADER_SIZE + encodedBytes));
        for (java.util.Map.Entry<byte[], byte[]> e : view().entrySet()) {
            if (e.getValue() == DELETED) {
                b.deleteShared(e.getKey());
            } else {
                b.putShared(e.getKey(), e.getValue());
            }
        }
        return b;
    }

    /** Empties the writes for reuse, keeping the batch's buffer (once the batch has been written). */
    public void clear() {
        batch.clear();
        view.clear();
        Arrays.fill(run, 0, 2 * runLength, null);
        runLength = 0;
        lastKey = null;
        claims.clear();
        encodedBytes = 0;
    }

    /** @return the number of buffered operations */
    public int size() {
        return view.size() + runLength;
    }
}
