package dev.lodedb.sql.copy;

import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A {@code read_csv} / {@code read_json} scan whose parsing runs on a reader thread
 * ({@link ReadAhead}) while the query converts and consumes the rows: {@code CREATE TABLE AS
 * SELECT * FROM read_json(...)} parses on one core and converts and writes on the other. Rows and
 * errors arrive in file order, as from a single-threaded scan.
 *
 * <p>Progress reports keep their contract — they are made on the consuming thread: the scan on the
 * reader thread reports to a relay, and each {@link #hasNext} passes the latest report on.
 *
 * <p>Not thread-safe: one consumer; {@link #close()} stops and joins the reader, then closes the
 * file.
 */
final class ReadAheadSource<R> implements ReadFunctions.RowSource {
    /**
     * A scan in two stages: {@link #read} parses the next record on the reader thread (and counts
     * progress); {@link #convert} turns it into a row of the column types on the consuming thread,
     * so that both threads share the work. {@code convert} must use only what {@code read} hands
     * it and immutable state.
     *
     * @param <R> a record as read
     */
    interface Staged<R> extends AutoCloseable {
        /** @return the next record, or {@code null} at the end of the file (reader thread) */
        R read();

        /**
         * @return the row of {@code record}, or {@code null} if it is to be skipped (ignore_errors)
         *     (consuming thread)
         * @throws dev.lodedb.engine.SqlException a value that does not convert, with its context
         */
        Object[] convert(R record);

        /** @return bytes of the file read so far (compressed bytes of a gzip file) */
        long bytesRead();

        @Override
        void close();
    }

    private final Staged<R> scan;
    private final Relay relay;
    private final ReadAhead<R> rows;
    private Object[] next;
    private boolean done;
    private boolean closed;

    /** Keeps the reader thread's latest progress report for the consuming thread to pass on. */
    private static final class Relay implements ProgressListener {
        private final ProgressListener target;
        private volatile long[] latest;
        private long[] passed;

        Relay(ProgressListener target) {
            this.target = target;
        }

        @Override
        public void update(long rows, long bytesRead, long totalBytes) {
            latest = new long[] {rows, bytesRead, totalBytes};
        }

        void pass() {
            long[] l = latest;
            if (l != null && l != passed) {
                passed = l;
                target.update(l[0], l[1], l[2]);
            }
        }
    }

    /**
     * Opens the scan (on this thread: errors in opening the file are thrown here) and starts its
     * reader thread.
     *
     * @param open opens the scan with the progress listener it is to report to (from its reader
     *     thread)
     * @param listener the caller's progress listener, or {@code null}
     */
    ReadAheadSource(Function<ProgressListener, Staged<R>> open, ProgressListener listener) {
        this.relay = listener == null ? null : new Relay(listener);
        this.scan = open.apply(relay);
        ReadAhead<R> r;
        try {
            r = new ReadAhead<>("lode-scan-reader", out -> {
                long at = scan.bytesRead();
                for (R record = scan.read(); record != null; record = scan.read()) {
                    long now = scan.bytesRead();
                    out.emit(record, now - at);
                    at = now;
                }
            });
        } catch (RuntimeException | Error e) {
            scan.close();
            throw e;
        }
        this.rows = r;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            R record;
            try {
                record = rows.next();
            } finally {
                if (relay != null) {
                    relay.pass();
                }
            }
            if (record == null) {
                done = true;
            } else {
                next = scan.convert(record);
            }
        }
        return next != null;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] r = next;
        next = null;
        return r;
    }

    @Override
    public long bytesRead() {
        return scan.bytesRead();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } finally {
            scan.close();
        }
    }
}
