package dev.lodedb.sql.session;

import dev.lodedb.storage.KeyValueStore;

/**
 * A SQL database over one key-value store: the catalog, the table data and the statement
 * executor. Thread-safe; each thread uses its own {@link SqlSession}.
 */
public final class SqlDatabase implements AutoCloseable {
    /**
     * Opens the database stored in {@code store}, loading (or creating) its catalog.
     *
     * @param store the store; owned by the database from now on and closed with it
     * @param options execution settings
     * @return the open database
     * @throws dev.lodedb.engine.SqlException XX001 if the catalog is damaged
     */
    public static SqlDatabase open(KeyValueStore store, SqlOptions options) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** @return a new session */
    public SqlSession openSession() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Closes the store. Sessions must not be used afterwards. */
    @Override
    public void close() {
    }
}
