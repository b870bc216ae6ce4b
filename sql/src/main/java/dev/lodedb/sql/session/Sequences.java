package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.SequenceDef;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current values of a database's sequences. A sequence's value is stored under
 * {@code 0x04 | sequence id (4 bytes BE)} as 10 bytes: format {@code 0x01}, the value (8 bytes BE,
 * two's complement) and {@code is_called} ({@code 00}/{@code 01}); see
 * {@code docs/engine/encoding.md}, "Sequence values".
 *
 * <p>{@code nextval} is not transactional, as in PostgreSQL: a value once returned is never
 * returned again, even if the statement that asked for it fails. To keep it cheap, values are
 * reserved in blocks: the first nextval of a block writes, in its own small write (synced when the
 * database syncs commits), the state the sequence will have after {@code max(32, CACHE)} more
 * values, and the next values of the block are handed out from memory. A crash therefore skips at
 * most a block's unused values (PostgreSQL logs 32 values ahead for the same reason); a clean close
 * ({@link #flush}) writes the exact state, so nothing is skipped.
 *
 * <p>Thread-safe: each sequence's state is changed under its own lock, so concurrent sessions
 * never receive the same value. DDL changes a state while holding its lock ({@link #change}).
 */
final class Sequences {
    /** Key prefix of sequence values. */
    static final byte PREFIX = 0x04;
    /** Values reserved per write at least (PostgreSQL's SEQ_LOG_VALS). */
    static final int LOG_AHEAD = 32;
    private static final byte FORMAT = 1;

    private final KeyValueStore store;
    private final boolean syncWrites;
    private final Map<Integer, State> states = new ConcurrentHashMap<>();

    /** The in-memory state of one sequence. Guarded by its own monitor. */
    static final class State {
        boolean loaded;
        long value;
        boolean called;
        /** Values still covered by the last stored reservation. */
        long remaining;
    }

    Sequences(KeyValueStore store, boolean syncWrites) {
        this.store = store;
        this.syncWrites = syncWrites;
    }

    /** @return the store key of sequence {@code id}'s value */
    static byte[] key(int id) {
        return ByteBuffer.allocate(5).put(PREFIX).putInt(id).array();
    }

    /** @return the stored form of a value */
    static byte[] encode(long value, boolean called) {
        return ByteBuffer.allocate(10).put(FORMAT).putLong(value).put((byte) (called ? 1 : 0)).array();
    }

    private State state(int id) {
        return states.computeIfAbsent(id, k -> new State());
    }

    private void load(SequenceDef d, State s) {
        if (s.loaded) {
            return;
        }
        byte[] v = store.get(ReadOptions.DEFAULT, key(d.id()));
        if (v == null) {
            s.value = d.start();
            s.called = false;
        } else {
            if (v.length != 10 || v[0] != FORMAT) {
                throw new SqlException(SqlException.DATA_CORRUPTED, "unreadable value of sequence \"" + d.name() + "\"");
            }
            ByteBuffer b = ByteBuffer.wrap(v, 1, 9);
            s.value = b.getLong();
            s.called = b.get() != 0;
        }
        s.remaining = 0;
        s.loaded = true;
    }

    private void store(int id, long value, boolean called) {
        store.write(WriteOptions.sync(syncWrites), new WriteBatch().put(key(id), encode(value, called)));
    }

    /**
     * @return the value after {@code value} (or {@code value} itself when not yet called)
     * @throws SqlException 2200H when the sequence is exhausted and does not cycle
     */
    static long step(SequenceDef d, long value, boolean called) {
        if (!called) {
            return value;
        }
        long next;
        boolean out;
        try {
            next = Math.addExact(value, d.increment());
            out = next > d.maxValue() || next < d.minValue();
        } catch (ArithmeticException e) {
            next = 0;
            out = true;
        }
        if (!out) {
            return next;
        }
        if (!d.cycle()) {
            boolean up = d.increment() > 0;
            throw new SqlException("2200H", "nextval: reached " + (up ? "maximum" : "minimum") + " value of sequence \""
                    + d.name() + "\" (" + (up ? d.maxValue() : d.minValue()) + ")");
        }
        return d.increment() > 0 ? d.minValue() : d.maxValue();
    }

    /**
     * @return the sequence's next value
     * @throws SqlException 2200H when it is exhausted
     */
    long next(SequenceDef d) {
        State s = state(d.id());
        synchronized (s) {
            load(d, s);
            long v = step(d, s.value, s.called);
            if (s.remaining <= 0) {
                long[] r = reserve(d, v);
                store(d.id(), r[0], true);
                s.remaining = r[1];
            }
            s.value = v;
            s.called = true;
            s.remaining--;
            return v;
        }
    }

    /**
     * @return {the last value of the block starting at {@code v}, the number of values in it}: up
     *     to {@code max(LOG_AHEAD, cache)} values, never past the bound (a cycling sequence
     *     reserves again after it wraps)
     */
    static long[] reserve(SequenceDef d, long v) {
        long block = Math.max(LOG_AHEAD, d.cache());
        BigInteger inc = BigInteger.valueOf(d.increment());
        BigInteger start = BigInteger.valueOf(v);
        BigInteger bound = BigInteger.valueOf(d.increment() > 0 ? d.maxValue() : d.minValue());
        // values v, v + inc, ..., v + (k - 1) inc stay within the bound
        long fit = bound.subtract(start).divide(inc).add(BigInteger.ONE).min(BigInteger.valueOf(block)).longValue();
        long last = start.add(inc.multiply(BigInteger.valueOf(fit - 1))).longValue();
        return new long[] {last, fit};
    }

    /**
     * Sets the value ({@code setval}), stored at once.
     *
     * @throws SqlException 22003 when {@code value} is outside the bounds
     */
    void set(SequenceDef d, long value, boolean called) {
        if (value < d.minValue() || value > d.maxValue()) {
            throw new SqlException(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                    + " is out of bounds for sequence \"" + d.name() + "\" (" + d.minValue() + ".." + d.maxValue() + ")");
        }
        State s = state(d.id());
        synchronized (s) {
            store(d.id(), value, called);
            s.value = value;
            s.called = called;
            s.remaining = 0;
            s.loaded = true;
        }
    }

    /** A DDL change of a sequence's value, made while its lock is held. */
    interface Change {
        /**
         * @param value the exact current value
         * @param called whether it was handed out
         */
        void apply(long value, boolean called);
    }

    /**
     * Runs a DDL change (ALTER SEQUENCE, DROP) with the sequence's state locked: {@code change}
     * gets the exact current value, writes what it decides into its own batch and commits it;
     * afterwards the state is read again from the store on next use.
     */
    void change(SequenceDef d, Change change) {
        State s = state(d.id());
        synchronized (s) {
            load(d, s);
            change.apply(s.value, s.called);
            s.loaded = false;
        }
    }

    /** Forgets a dropped sequence's state. */
    void forget(int id) {
        states.remove(id);
    }

    /** Writes the exact value of every sequence that has unused reserved values (a clean close). */
    void flush() {
        WriteBatch b = new WriteBatch();
        for (Map.Entry<Integer, State> e : states.entrySet()) {
            State s = e.getValue();
            synchronized (s) {
                if (s.loaded && s.remaining > 0) {
                    b.put(key(e.getKey()), encode(s.value, s.called));
                    s.remaining = 0;
                }
            }
        }
        if (b.count() > 0) {
            store.write(WriteOptions.sync(syncWrites), b);
        }
    }
}
