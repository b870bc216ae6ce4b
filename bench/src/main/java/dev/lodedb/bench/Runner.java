package dev.lodedb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs a benchmark phase on a number of threads: each thread executes its share of the operations
 * and times every one of them into its own histogram; the histograms are merged at the end. All
 * threads start together; the wall time runs from their start to the end of the last one.
 * Stateless; thread-safe.
 */
public final class Runner {
    private Runner() {
    }

    /** The work of one operation. */
    @FunctionalInterface
    public interface Op {
        /**
         * Performs operation number {@code op} (0-based within the thread) of thread {@code thread}.
         *
         * @param rnd the thread's random source
         * @param tally counters the phase reports (e.g. keys found)
         */
        void run(int thread, long op, SplittableRandom rnd, Tally tally) throws Exception;
    }

    /** Counters shared by the threads of a phase. */
    public static final class Tally {
        /** Reads that found their key. */
        public final LongAdder found = new LongAdder();
        /** Reads attempted. */
        public final LongAdder reads = new LongAdder();

        /** @return "found F of R" when reads were counted, else "" */
        String note() {
            long r = reads.sum();
            return r == 0 ? "" : String.format(java.util.Locale.ROOT, "found %,d of %,d", found.sum(), r);
        }
    }

    /**
     * @param phase the phase's name, for the result
     * @param threads number of threads (at least 1)
     * @param totalOps operations over all threads; thread {@code t} runs {@code totalOps / threads}
     *     plus one if {@code t < totalOps % threads}
     * @param seed seeds thread {@code t}'s random source with {@code seed + t}
     * @param op the operation
     * @return the phase's measurements
     * @throws RuntimeException wrapping the first exception any operation threw
     */
    public static PhaseResult run(String phase, int threads, long totalOps, long seed, Op op) {
        return run(phase, threads, totalOps, 0, seed, op);
    }

    /**
     * Like {@link #run(String, int, long, long, Op)}, but each thread also stops starting new
     * operations once {@code maxNanos} of wall time have passed since the start (a timed phase:
     * pass {@code Long.MAX_VALUE} operations).
     *
     * @param maxNanos the phase's time limit, 0 for none
     */
    public static PhaseResult run(String phase, int threads, long totalOps, long maxNanos, long seed, Op op) {
        long[] startNanos = new long[1];
        CountDownLatch start = new CountDownLatch(1);
        Histogram[] hist = new Histogram[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Tally tally = new Tally();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            long share = totalOps / threads + (t < totalOps % threads ? 1 : 0);
            hist[t] = new Histogram(3);
            Thread w = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed + id);
                Histogram h = hist[id];
                try {
                    start.await();
                    long end = startNanos[0] + maxNanos;
                    for (long i = 0; i < share && failure.get() == null; i++) {
                        long t0 = System.nanoTime();
                        if (maxNanos > 0 && t0 - end >= 0) {
                            break;
                        }
                        op.run(id, i, rnd, tally);
                        h.recordValue(Math.max(0, System.nanoTime() - t0));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-" + phase + "-" + t);
            workers.add(w);
            w.start();
        }
        long t0 = System.nanoTime();
        startNanos[0] = t0; // published to the workers by the latch
        start.countDown();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + phase, e);
            }
        }
        long nanos = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new IllegalStateException(phase + " failed: " + failure.get(), failure.get());
        }
        Histogram merged = new Histogram(3);
        long ops = 0;
        for (Histogram h : hist) {
            merged.add(h);
            ops += h.getTotalCount();
        }
        return new PhaseResult(phase, ops, nanos, merged, tally.note());
    }
}
