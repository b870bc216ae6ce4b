package dev.lodedb.sql.slt;

import java.util.List;

/**
 * What the sqllogictest runner needs from a database: run a statement, run a query. One
 * connection serves one script, against a fresh, empty database. Implementations need not be
 * thread-safe.
 */
public interface SltConnection extends AutoCloseable {
    /** A query's result: its column count (also when it has no rows) and its rows of Java values. */
    record Result(int columnCount, List<List<Object>> rows) {
    }

    /**
     * Runs a statement.
     *
     * @throws Exception when the database rejects it (a {@code statement error} record expects this)
     */
    void execute(String sql) throws Exception;

    /**
     * Runs a query.
     *
     * @throws Exception when the database rejects it
     */
    Result query(String sql) throws Exception;

    @Override
    void close() throws Exception;
}
