package dev.lodedb.bench;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * The db_bench-style workloads (RocksDB's {@code tools/db_bench}), over db_bench-style keys
 * ({@link Data#key}): big-endian record numbers, so key order is number order.
 * <ul>
 *   <li>{@code fillseq}: writes records 0..ops-1 in key order (each thread its own slice);</li>
 *   <li>{@code fillrandom}: writes {@code ops} uniformly random records of {@code [0, records)}
 *       (with repeats, as db_bench);</li>
 *   <li>{@code overwrite}: loads every record in order, then overwrites random records;</li>
 *   <li>{@code readrandom}: loads every record once in a scrambled order (a random fill without
 *       repeats, so every read finds its key), then reads random records;</li>
 *   <li>{@code readseq}: same load, then each thread scans {@code ops} entries in key order
 *       (latency per entry);</li>
 *   <li>{@code seekrandom}: same load, then seeks a per-thread iterator to random keys and reads
 *       the entry found;</li>
 *   <li>{@code readwhilewriting}: same load, then {@code threads} readers read random records
 *       while one more thread overwrites random records as fast as it can (only reads measured);</li>
 *   <li>{@code fillsync}: durable group commit: {@code threads} writers (default 16) each write
 *       single random records with {@code sync=true}; default ops {@code max(1000, records/100)}.</li>
 * </ul>
 * Writes are single-record batches with default write options unless said otherwise; load phases
 * write batches of {@value #LOAD_BATCH} records. Stateless.
 */
public final class DbBenchWorkload implements Workload {
    /** Records per batch in load phases. */
    public static final int LOAD_BATCH = 100;

    /** The workloads this class implements. */
    public enum Kind {
        /** Sequential fill. */
        FILLSEQ,
        /** Random fill. */
        FILLRANDOM,
        /** Random overwrite of a sequentially loaded store. */
        OVERWRITE,
        /** Random point reads. */
        READRANDOM,
        /** Sequential scan. */
        READSEQ,
        /** Random seeks. */
        SEEKRANDOM,
        /** Random reads with one concurrent writer. */
        READWHILEWRITING,
        /** Synced random writes from many threads. */
        FILLSYNC
    }

    private final Kind kind;

    /** @param kind which workload */
    public DbBenchWorkload(Kind kind) {
        this.kind = kind;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@inheritDoc} */
    @Override
    public String describe(BenchOptions o) {
        return String.format(Locale.ROOT, "%s: ops=%,d threads=%d%s", name(), defaultOps(o), threads(o),
                kind == Kind.READSEQ ? " (entries per thread)" : "");
    }

    private long defaultOps(BenchOptions o) {
        return o.opsOr(kind == Kind.FILLSYNC ? Math.max(1000, o.records / 100) : o.records);
    }

    private int threads(BenchOptions o) {
        return o.threadsOr(kind == Kind.FILLSYNC ? 16 : 1);
    }

    /** {@inheritDoc} */
    @Override
    public PhaseResult load(KeyValueStore store, BenchOptions o) {
        return switch (kind) {
            case FILLSEQ, FILLRANDOM, FILLSYNC -> null;
            case OVERWRITE -> load(store, o, i -> i, Data::key);
            default -> {
                Data.Permutation perm = new Data.Permutation(o.records, o.seed);
                yield load(store, o, perm::at, Data::key);
            }
        };
    }

    /**
     * Loads every record {@code order(i)}, i in {@code [0, records)}, in batches of
     * {@value #LOAD_BATCH}, on {@code threads} threads.
     *
     * @param order maps a load position to a record number
     * @param keyOf maps a record number to its key
     * @return the load's measurements (ops = records; latency per batch)
     */
    static PhaseResult load(KeyValueStore store, BenchOptions o, LongUnaryOperator order,
                            LongFunction<byte[]> keyOf) {
        Data data = new Data(o.valueSize, o.seed);
        long batches = (o.records + LOAD_BATCH - 1) / LOAD_BATCH;
        int threads = (int) Math.min(o.threadsOr(1), batches);
        PhaseResult r = Runner.run("load", threads, batches, o.seed * 31 + 7, (t, i, rnd, tally) -> {
            long batchNo = i * threads + t;
            WriteBatch b = new WriteBatch();
            long end = Math.min(o.records, (batchNo + 1) * LOAD_BATCH);
            for (long pos = batchNo * LOAD_BATCH; pos < end; pos++) {
                b.put(keyOf.apply(order.applyAsLong(pos)), data.value(rnd));
            }
            store.write(WriteOptions.DEFAULT, b);
        });
        return new PhaseResult("load", o.records, r.nanos(), r.latency(),
                "batches of " + LOAD_BATCH + ", latency per batch");
    }

    /** {@inheritDoc} */
    @Override
    public PhaseResult run(KeyValueStore store, BenchOptions o) {
        long ops = defaultOps(o);
        int threads = threads(o);
        long records = o.records;
        Data data = new Data(o.valueSize, o.seed + 1);
        long seed = o.seed * 1_000_003L + kind.ordinal();
        return switch (kind) {
            case FILLSEQ -> {
                long share = (ops + threads - 1) / threads;
                yield Runner.run("run", threads, ops, seed, (t, i, rnd, tally) ->
                        store.put(Data.key(t * share + i), data.value(rnd)));
            }
            case FILLRANDOM, OVERWRITE -> Runner.run("run", threads, ops, seed, (t, i, rnd, tally) ->
                    store.put(Data.key(rnd.nextLong(records)), data.value(rnd)));
            case FILLSYNC -> Runner.run("run", threads, ops, seed, (t, i, rnd, tally) ->
                    store.write(WriteOptions.SYNC, new WriteBatch().put(Data.key(rnd.nextLong(records)), data.value(rnd))));
            case READRANDOM -> Runner.run("run", threads, ops, seed, (t, i, rnd, tally) -> readRandom(store, records, rnd, tally));
            case READSEQ -> readSeq(store, ops, threads, seed);
            case SEEKRANDOM -> seekRandom(store, ops, threads, seed, records);
            case READWHILEWRITING -> readWhileWriting(store, ops, threads, seed, records, data);
        };
    }

    private static void readRandom(KeyValueStore store, long records, SplittableRandom rnd, Runner.Tally tally) {
        byte[] v = store.get(Data.key(rnd.nextLong(records)));
        tally.reads.increment();
        if (v != null) {
            tally.found.increment();
        }
    }

    private static PhaseResult readSeq(KeyValueStore store, long perThread, int threads, long seed) {
        StoreIterator[] its = new StoreIterator[threads];
        try {
            return Runner.run("run", threads, perThread * threads, seed, (t, i, rnd, tally) -> {
                StoreIterator it = its[t];
                if (it == null) {
                    it = its[t] = store.newIterator();
                    it.seekToFirst();
                } else {
                    it.next();
                    if (!it.isValid()) {
                        it.seekToFirst(); // wrap around when asked for more entries than exist
                    }
                }
                tally.reads.increment();
                if (it.isValid()) {
                    it.key();
                    it.value();
                    tally.found.increment();
                }
            });
        } finally {
            closeAll(its);
        }
    }

    private static PhaseResult seekRandom(KeyValueStore store, long ops, int threads, long seed, long records) {
        StoreIterator[] its = new StoreIterator[threads];
        try {
            return Runner.run("run", threads, ops, seed, (t, i, rnd, tally) -> {
                if (its[t] == null) {
                    its[t] = store.newIterator();
                }
                StoreIterator it = its[t];
                it.seek(Data.key(rnd.nextLong(records)));
                tally.reads.increment();
                if (it.isValid()) {
                    it.key();
                    it.value();
                    tally.found.increment();
                }
            });
        } finally {
            closeAll(its);
        }
    }

    private static PhaseResult readWhileWriting(KeyValueStore store, long ops, int threads, long seed, long records,
                                                Data data) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        long[] written = new long[1];
        Thread writer = new Thread(() -> {
            SplittableRandom rnd = new SplittableRandom(seed - 1);
            try {
                while (!stop.get()) {
                    store.put(Data.key(rnd.nextLong(records)), data.value(rnd));
                    written[0]++;
                }
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        }, "bench-writer");
        writer.start();
        PhaseResult r;
        try {
            r = Runner.run("run", threads, ops, seed, (t, i, rnd, tally) -> readRandom(store, records, rnd, tally));
        } finally {
            stop.set(true);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writerFailure.get() != null) {
            throw new IllegalStateException("writer failed: " + writerFailure.get(), writerFailure.get());
        }
        String note = r.note() + String.format(Locale.ROOT, ", %,d writes meanwhile (%,.0f/s)", written[0],
                written[0] * 1e9 / r.nanos());
        return new PhaseResult(r.phase(), r.ops(), r.nanos(), r.latency(), note);
    }

    private static void closeAll(StoreIterator[] its) {
        for (StoreIterator it : its) {
            if (it != null) {
                it.close();
            }
        }
    }
}
