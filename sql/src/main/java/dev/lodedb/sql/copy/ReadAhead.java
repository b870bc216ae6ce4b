package dev.lodedb.sql.copy;

import dev.lodedb.engine.SqlException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reading half of an import — bytes to records to typed values — on a thread of its own,
 * while the calling thread consumes the items (encodes and writes rows): a two-stage pipeline
 * over a small bounded queue, so that an import uses two cores.
 *
 * <p>The producer (a {@link Producer}, run once on the reader thread) {@link Emitter#emit emits}
 * items in order; they travel in batches of up to {@link #BATCH_ITEMS} items or
 * {@link #BATCH_BYTES} bytes of input, at most {@link #QUEUED_BATCHES} batches waiting, so the
 * memory in flight is bounded by a few MiB of input whatever the file's size. {@link #next} returns
 * them in the same order on the consumer's thread, then {@code null} at the end.
 *
 * <p><b>Errors</b>: an exception of the producer ends its input; the consumer receives every
 * item emitted before it and then the exception itself, rethrown by {@link #next} unchanged (an
 * {@link SqlException} keeps its SQLSTATE, message and detail, so its file, line and column), so
 * the consumer sees errors in input order, exactly where a single-threaded import would.
 *
 * <p><b>Stopping</b>: {@link #close} — on every exit path of the consumer: the end, an error, a
 * cancellation — tells the producer to stop (its next {@link Emitter#emit} throws an internal
 * signal that ends it), drops what is queued and waits for the thread to end. The producer is
 * never interrupted (an interrupt would close a file channel under it); a read it is blocked in
 * completes first. After {@code close} returns, the producer's thread has ended and everything it
 * wrote is visible to the caller.
 *
 * <p>Thread-safety: {@link #next} and {@link #close} on the consumer's thread only; the
 * {@link Emitter} on the producer's thread only.
 *
 * @param <T> the items
 */
public final class ReadAhead<T> implements AutoCloseable {
    /** Most items in one batch handed to the consumer. */
    public static final int BATCH_ITEMS = 1024;
    /** Input bytes after which a batch is handed over even if it has fewer items (1 MiB). */
    public static final long BATCH_BYTES = 1 << 20;
    /** Most batches waiting for the consumer. */
    public static final int QUEUED_BATCHES = 4;

    /** The reading half of an import, run once on the reader thread. */
    @FunctionalInterface
    public interface Producer<T> {
        /**
         * Reads the input to its end (or until {@link Emitter#emit} stops it), emitting items in
         * order. Returning normally means the input ended; an exception ends it too and reaches
         * the consumer after the items emitted before it.
         */
        void produce(Emitter<T> out);
    }

    /** Thrown inside the producer by {@link Emitter#emit} when the consumer has closed the pipeline. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("import reader stopped", null, false, false);
        }
    }

    /** One hand-over: items, and whether (and how) the input ended after them. */
    private static final class Batch {
        final Object[] items = new Object[BATCH_ITEMS];
        int size;
        long bytes;
        boolean end;
        Throwable failure;
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private volatile boolean closed;
    private Batch current;
    private int position;
    private boolean finished;

    /**
     * Starts the reader thread.
     *
     * @param threadName the thread's name (shown in thread dumps and profiles)
     * @param producer what the thread runs
     */
    public ReadAhead(String threadName, Producer<T> producer) {
        Emitter<T> emitter = new Emitter<>(this);
        thread = new Thread(() -> emitter.run(producer), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return the next item in input order, or {@code null} at the end of the input
     * @throws RuntimeException the producer's exception, after all items emitted before it
     * @throws SqlException 57014 if the consumer's thread is interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public T next() {
        while (current == null || position == current.size) {
            if (current != null && (current.end || current.failure != null)) {
                Throwable f = current.failure;
                finished = true;
                current = null;
                if (f != null) {
                    throw rethrow(f);
                }
                return null;
            }
            if (finished) {
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SqlException("57014", "canceling statement due to an interrupt");
            }
            position = 0;
        }
        T item = (T) current.items[position];
        current.items[position++] = null;
        return item;
    }

    private static RuntimeException rethrow(Throwable f) {
        if (f instanceof RuntimeException r) {
            return r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("import reader failed", f);
    }

    /**
     * Stops the producer and waits for its thread to end; idempotent. Call it on every exit path,
     * before closing the input the producer reads.
     */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the reader must be gone before the input closes: keep waiting
            }
        }
        queue.clear();
        current = null;
        finished = true;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the reader thread is still running (for tests) */
    boolean readerAlive() {
        return thread.isAlive();
    }

    /**
     * The producer's side: collects items into batches and hands them over. Used by the reader
     * thread only.
     *
     * @param <T> the items
     */
    public static final class Emitter<T> {
        private final ReadAhead<T> pipe;
        private Batch batch = new Batch();

        private Emitter(ReadAhead<T> pipe) {
            this.pipe = pipe;
        }

        /**
         * Adds an item; hands the batch over when it is full, waiting while the queue is.
         *
         * @param item the item (not null)
         * @param inputBytes the input bytes it was read from, for the batch's byte bound
         */
        public void emit(T item, long inputBytes) {
            Batch b = batch;
            b.items[b.size++] = item;
            b.bytes += inputBytes;
            if (b.size == BATCH_ITEMS || b.bytes >= BATCH_BYTES) {
                handOver(b);
                batch = new Batch();
            }
        }

        /**
         * Hands the items emitted so far over now, without waiting for a full batch (waits while
         * the queue is full; stops the producer if the pipeline is closed).
         */
        public void flush() {
            if (batch.size > 0) {
                handOver(batch);
                batch = new Batch();
            }
        }

        /** @return whether the consumer has closed the pipeline (the producer may stop early) */
        public boolean stopped() {
            return pipe.closed;
        }

        private void handOver(Batch b) {
            try {
                while (!pipe.queue.offer(b, 10, TimeUnit.MILLISECONDS)) {
                    if (pipe.closed) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                throw new Stopped();
            }
            if (pipe.closed) {
                throw new Stopped();
            }
        }

        private void run(Producer<T> producer) {
            try {
                producer.produce(this);
                batch.end = true;
            } catch (Stopped s) {
                return;
            } catch (Throwable t) {
                batch.failure = t;
            }
            try {
                handOver(batch);
            } catch (Stopped s) {
                // the consumer is gone: nobody waits for the end
            }
        }
    }
}
