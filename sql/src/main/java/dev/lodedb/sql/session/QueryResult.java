package dev.lodedb.sql.session;

import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.sql.exec.Operator;
import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.Snapshot;
import java.util.List;

/**
 * The streaming result of a query: pulls chunks from the operator tree on demand and holds the
 * statement's store snapshot until closed.
 */
final class QueryResult implements StatementResult {
    private final List<ResultColumn> columns;
    private final Operator root;
    private final KeyValueStore store;
    private final Snapshot snapshot;
    private long rows;
    private boolean done;
    private boolean closed;

    private final Runnable onClose;
    /** Told when reading a row fails (a transaction block then fails), or {@code null}. */
    private final Runnable onError;

    QueryResult(List<ResultColumn> columns, Operator root, KeyValueStore store, Snapshot snapshot, Runnable onClose) {
        this(columns, root, store, snapshot, onClose, null);
    }

    /**
     * @param snapshot the snapshot to release at close, or {@code null} when the caller owns it
     * @param onError run when reading fails, or {@code null}
     */
    QueryResult(List<ResultColumn> columns, Operator root, KeyValueStore store, Snapshot snapshot, Runnable onClose,
            Runnable onError) {
        this.onError = onError;
        this.onClose = onClose;
        this.columns = columns;
        this.root = root;
        this.store = store;
        this.snapshot = snapshot;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean returnsRows() {
        return true;
    }

    /** The rest of the rows, read into memory by {@link #materialize}, or {@code null}. */
    private MaterializedResult rest;

    /**
     * Reads the remaining rows into memory and releases the operator tree and the snapshot, so
     * that the result stays readable after its transaction block moves on (a next statement,
     * COMMIT or ROLLBACK); what a driver holding all rows in memory (pgjdbc) would show.
     *
     * @throws dev.lodedb.engine.SqlException when reading a row fails (the result is then closed)
     */
    void materialize() {
        if (done || closed || rest != null) {
            return;
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        DataChunk c;
        while ((c = next()) != null) {
            for (int k = 0; k < c.size(); k++) {
                rows.add(c.rowValues(k));
            }
        }
        long counted = this.rows;
        this.rows -= rows.size();
        close();
        closed = false;
        rest = new MaterializedResult(columns, rows, counted, "SELECT " + counted);
    }

    @Override
    public DataChunk next() {
        if (rest != null) {
            if (closed) {
                return null;
            }
            DataChunk c = rest.next();
            if (c != null) {
                rows += c.size();
            }
            return c;
        }
        if (done || closed) {
            return null;
        }
        try {
            DataChunk c;
            do {
                c = root.next();
            } while (c != null && c.size() == 0);
            if (c == null) {
                done = true;
                return null;
            }
            rows += c.size();
            return c;
        } catch (RuntimeException e) {
            if (onError != null) {
                onError.run();
            }
            close();
            throw Errors.wrap(e);
        }
    }

    @Override
    public long updateCount() {
        return rows;
    }

    @Override
    public String commandTag() {
        return "SELECT " + rows;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rest != null) {
            return;
        }
        try {
            root.close();
        } finally {
            if (snapshot != null) {
                store.releaseSnapshot(snapshot);
            }
            onClose.run();
        }
    }
}
