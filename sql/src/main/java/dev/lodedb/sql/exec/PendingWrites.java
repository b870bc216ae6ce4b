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
    private TreeMap<byte[], byte[]> view = new TreeMap<>(Arrays::compareUnsigned);
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
        return 2L * (eager ? batch.approximateSize() : encodedBytes) + 96L * view.size() + 64L * claims.size();
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
        view.put(key, value);
    }

    /** Buffers a delete. */
    public void delete(byte[] key) {
        if (eager) {
            batch.delete(key);
        } else {
            encodedBytes += 6 + key.length;
        }
        view.put(key, DELETED);
    }

    /**
     * @return {@code null} if the statement did not write {@code key}; an empty array if it
     *     deleted it; else the value it wrote
     */
    public byte[] lookup(byte[] key) {
        return view.get(key);
    }

    /** @return whether a lookup result means "deleted" */
    public static boolean isDeleted(byte[] lookup) {
        return lookup == DELETED;
    }

    /** @return the ordered pending keys and values ({@link #isDeleted} values are deletions) */
    public NavigableMap<byte[], byte[]> view() {
        return view;
    }

    /**
     * Hands the ordered writes over (to a transaction's write set, which takes the map without a
     * copy) and forgets them here.
     *
     * @return the writes in key order ({@link #isDeleted} values are deletions)
     */
    public TreeMap<byte[], byte[]> release() {
        TreeMap<byte[], byte[]> out = view;
        view = new TreeMap<>(Arrays::compareUnsigned);
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
        for (java.util.Map.Entry<byte[], byte[]> e : view.entrySet()) {
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
        claims.clear();
        encodedBytes = 0;
    }

    /** @return the number of buffered operations */
    public int size() {
        return view.size();
    }
}
