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

    @Override
    public DataChunk next() {
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
