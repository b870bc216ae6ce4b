package dev.lodedb.engine.transaction;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The undo log of a transaction whose writes outgrew its memory budget and now go into the store
 * before it commits (docs/transactions.md, "Large transactions"). Every write reaches the store in
 * the same atomic batch as an undo record holding the value it replaced, so that the transaction can
 * still be rolled back entirely or to a savepoint, and a crash before COMMIT is undone when the
 * database opens ({@link #recover}). This is the before-image undo logging of ARIES (Mohan et al.,
 * "ARIES: A Transaction Recovery Method...", TODS 1992) reduced to logical key/value records: the
 * store's write-ahead log already makes each batch atomic and durable, so the undo records are just
 * keys in the store.
 *
 * <p>Format (keys in the store's key space, see docs/sql/design.md "Data in the store"):
 * <pre>
 *   key   0x08 | record number (8 bytes, big-endian, from 0)
 *   value flag (1 byte: 0 the key was absent, 1 it held a value) | key length (4 bytes, BE) | key | old value
 * </pre>
 * At most one transaction writes an undo log at a time (it holds the database's schema lock
 * exclusively), so record numbers need no transaction id. COMMIT deletes the whole range in its
 * batch ({@link #appendCommit}).
 *
 * <p>Writes are chunked: one batch carries at most about {@link #CHUNK_BYTES} bytes, so memory stays
 * bounded whatever the transaction's size. Chunks are written without fsync; the committing batch
 * is synced after the write-ahead logs that hold the chunks ({@link KeyValueStore#syncWal}).
 *
 * <p>Not thread-safe: used by the one transaction that owns it.
 */
public final class UndoLog {
    /** The first byte of every undo record's key. */
    public static final byte PREFIX = 0x08;
    /** The approximate size of one batch of writes and undo records, in bytes. */
    public static final int CHUNK_BYTES = 4 << 20;
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;
    private static final byte[] LOWER = {PREFIX};
    private static final byte[] UPPER = {PREFIX + 1};

    private final KeyValueStore store;
    /** The number of the next record. */
    private long next;
    private long bytesWritten;
    /** The objects (key prefixes of {@link CommitLog#OBJECT_PREFIX} bytes) written, for the commit log. */
    private final java.util.TreeSet<byte[]> objects = new java.util.TreeSet<>(Arrays::compareUnsigned);

    /** @param store the store written into (records are numbered after any already there) */
    public UndoLog(KeyValueStore store) {
        this.store = store;
        try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(LOWER, UPPER))) {
            it.seekToLast();
            next = it.isValid() ? number(it.key()) + 1 : 0;
        }
    }

    /** @return the position to roll back to later: the number of the next record */
    public long position() {
        return next;
    }

    /** @return the bytes of writes and undo records written so far */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** @return the objects written (the first {@link CommitLog#OBJECT_PREFIX} bytes of the keys), in order */
    public java.util.SortedSet<byte[]> objects() {
        return objects;
    }

    /** Records the object of {@code key}; @return its prefix */
    private byte[] touched(byte[] key) {
        byte[] p = key.length <= CommitLog.OBJECT_PREFIX ? key : Arrays.copyOf(key, CommitLog.OBJECT_PREFIX);
        objects.add(p);
        return p;
    }

    /**
     * Writes {@code writes} into the store in chunks, each with the undo records of the values it
     * replaces (read from the latest state).
     *
     * @param writes keys in unsigned order to their new values; a value for which
     *     {@code isDeleted} holds deletes the key
     * @param isDeleted tells deletions from values
     */
    public void write(Map<byte[], byte[]> writes, java.util.function.Predicate<byte[]> isDeleted) {
        if (writes.isEmpty()) {
            return;
        }
        WriteBatch batch = new WriteBatch();
        byte[] first = writes.keySet().iterator().next();
        byte[] object = null;
        try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(first, null))) {
            it.seek(first);
            for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
                byte[] key = e.getKey();
                if (object == null || !startsWith(key, object)) {
                    object = touched(key);
                }
                position(it, key);
                byte[] old = it.isValid() && Arrays.equals(it.key(), key) ? it.value() : null;
                batch.put(recordKey(next++), record(key, old));
                if (isDeleted.test(e.getValue())) {
                    batch.delete(key);
                } else {
                    batch.put(key, e.getValue());
                }
                if (batch.approximateSize() >= CHUNK_BYTES) {
                    flush(batch);
                }
            }
        }
        flush(batch);
    }

    /**
     * Moves {@code it} (at a key below {@code key} or past it) to the first key at or after
     * {@code key}: a few steps forward when the writes are dense, else a seek.
     */
    private static void position(StoreIterator it, byte[] key) {
        for (int steps = 0; it.isValid() && Arrays.compareUnsigned(it.key(), key) < 0; steps++) {
            if (steps == 4) {
                it.seek(key);
                return;
            }
            it.next();
        }
    }

    /**
     * Deletes every key in {@code [lower, upper)}, writing first the undo records of the keys there
     * (so a range deletion costs an undo record per key it removes).
     */
    public void deleteRange(byte[] lower, byte[] upper) {
        touched(lower);
        WriteBatch batch = new WriteBatch();
        try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(lower, upper))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                batch.put(recordKey(next++), record(it.key(), it.value()));
                if (batch.approximateSize() >= CHUNK_BYTES) {
                    flush(batch); // records of keys still there: undoing them early changes nothing
                }
            }
        }
        batch.deleteRange(lower, upper);
        flush(batch);
    }

    /**
     * Undoes every write recorded at or after {@code position}, newest first, and removes those
     * records; each chunk of restored keys is written with the removal of its records, so a crash
     * midway leaves a log that {@link #recover} finishes.
     */
    public void rollbackTo(long position) {
        WriteBatch batch = new WriteBatch();
        try (StoreIterator it = store.newIterator(ReadOptions.DEFAULT.withBounds(recordKey(position), UPPER))) {
            for (it.seekToLast(); it.isValid(); it.prev()) {
                ByteBuffer v = ByteBuffer.wrap(it.value());
                byte flag = v.get();
                byte[] key = new byte[v.getInt()];
                v.get(key);
                if (flag == PRESENT) {
                    byte[] old = new byte[v.remaining()];
                    v.get(old);
                    batch.put(key, old);
                } else {
                    batch.delete(key);
                }
                batch.delete(it.key());
                if (batch.approximateSize() >= CHUNK_BYTES) {
                    flush(batch);
                }
            }
        }
        flush(batch);
        next = position;
    }

    /** Adds to the committing batch the deletion of the whole log: the writes stay. */
    public void appendCommit(WriteBatch batch) {
        batch.deleteRange(LOWER, UPPER);
        next = 0;
        objects.clear();
    }

    /**
     * Rolls back the transaction that a crash interrupted, if its undo log is in the store. Called
     * when a database opens, before anything reads it.
     *
     * @return the number of undo records applied (0 when there was no log)
     */
    public static long recover(KeyValueStore store) {
        UndoLog log = new UndoLog(store);
        long n = log.next;
        if (n > 0) {
            log.rollbackTo(0);
            store.write(WriteOptions.SYNC, new WriteBatch().deleteRange(LOWER, UPPER));
        }
        return n;
    }

    private void flush(WriteBatch batch) {
        if (batch.count() > 0) {
            bytesWritten += batch.approximateSize();
            store.write(WriteOptions.DEFAULT, batch);
            batch.clear();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] recordKey(long number) {
        return ByteBuffer.allocate(9).put(PREFIX).putLong(number).array();
    }

    private static long number(byte[] recordKey) {
        return ByteBuffer.wrap(recordKey, 1, 8).getLong();
    }

    private static byte[] record(byte[] key, byte[] old) {
        ByteBuffer b = ByteBuffer.allocate(5 + key.length + (old == null ? 0 : old.length));
        b.put(old == null ? ABSENT : PRESENT).putInt(key.length).put(key);
        if (old != null) {
            b.put(old);
        }
        return b.array();
    }
}
