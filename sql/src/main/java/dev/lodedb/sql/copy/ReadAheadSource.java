package dev.lodedb.sql.copy;

import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A {@code read_csv} / {@code read_json} scan whose reading and converting run on a reader thread
 * ({@link ReadAhead}) while the query consumes the rows: {@code CREATE TABLE AS SELECT * FROM
 * read_json(...)} parses on one core and writes on the other. Rows and errors arrive in file
 * order, as from the scan itself.
 *
 * <p>Progress reports keep their contract — they are made on the consuming thread: the scan on the
 * reader thread reports to a relay, and each {@link #hasNext} passes the latest report on.
 *
 * <p>Not thread-safe: one consumer; {@link #close()} stops and joins the reader, then closes the
 * file.
 */
final class ReadAheadSource implements ReadFunctions.RowSource {
    private final ReadFunctions.RowSource scan;
    private final Relay relay;
    private final ReadAhead<Object[]> rows;
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
     * @param open opens the scan with the progress listener it is to report to
     * @param listener the caller's progress listener, or {@code null}
     */
    ReadAheadSource(Function<ProgressListener, ReadFunctions.RowSource> open, ProgressListener listener) {
        this.relay = listener == null ? null : new Relay(listener);
        this.scan = open.apply(relay);
        ReadAhead<Object[]> r;
        try {
            r = new ReadAhead<>("lode-scan-reader", out -> {
                long at = scan.bytesRead();
                while (scan.hasNext()) {
                    Object[] row = scan.next();
                    long now = scan.bytesRead();
                    out.emit(row, now - at);
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
        if (next == null && !done) {
            try {
                next = rows.next();
            } finally {
                if (relay != null) {
                    relay.pass();
                }
            }
            done = next == null;
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
