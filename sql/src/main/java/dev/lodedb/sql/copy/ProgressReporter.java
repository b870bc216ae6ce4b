package dev.lodedb.sql.copy;

/**
 * Counts the records of an import and passes the count and the bytes read to a
 * {@link ProgressListener} at most every {@link #INTERVAL_NANOS} nanoseconds, and once more at
 * {@link #finish()}. Without a listener every call is a no-op apart from counting. Not
 * thread-safe: used by the importing thread (with a read-ahead pipeline, its writing thread; the
 * bytes read are the reader thread's, read as they are).
 */
public final class ProgressReporter {
    /** The shortest time between two reports: 100 ms. */
    public static final long INTERVAL_NANOS = 100_000_000L;
    private final ProgressListener listener;
    private final ImportInput input;
    private long rows;
    private long lastReport;
    private boolean finished;

    /**
     * @param listener the listener, or {@code null} for none
     * @param input the input whose bytes are reported
     */
    public ProgressReporter(ProgressListener listener, ImportInput input) {
        this.listener = listener;
        this.input = input;
        this.lastReport = System.nanoTime();
    }

    /** Counts one record and reports if the interval has passed. */
    public void record() {
        rows++;
        if (listener != null) {
            long now = System.nanoTime();
            if (now - lastReport >= INTERVAL_NANOS) {
                lastReport = now;
                listener.update(rows, input.bytesRead(), input.totalBytes());
            }
        }
    }

    /**
     * Counts {@code n} records (a batch read ahead by another thread) and reports if the interval
     * has passed.
     */
    public void records(int n) {
        rows += n - 1;
        record();
    }

    /** @return the records counted */
    public long rows() {
        return rows;
    }

    /** Reports the final count (once; later calls do nothing). */
    public void finish() {
        if (listener != null && !finished) {
            finished = true;
            listener.update(rows, input.bytesRead(), input.totalBytes());
        }
    }
}
