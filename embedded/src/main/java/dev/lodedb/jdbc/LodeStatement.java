package dev.lodedb.jdbc;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.session.StatementResult;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A statement of a {@link LodeConnection}. {@code execute(String)} runs the text as a script: one
 * statement or several separated by semicolons, run in order (in auto-commit mode each its own
 * transaction, else in the connection's transaction block); only the
 * last statement's result (rows or update count) is returned, and a failure stops the script with
 * the statements before it applied. Rows are streamed from the executor as the application reads
 * them (forward-only, read-only); the snapshot a query reads is held until its result set closes.
 *
 * <p>{@link #cancel()} and {@link #setQueryTimeout(int)} interrupt a running statement at its next
 * check between chunks of rows (SQLSTATE 57014). JDBC escape syntax
 * ({@code {fn ...}}, {@code {d '...'}}) is not translated. Not thread-safe.
 */
public class LodeStatement implements Statement {
    final LodeConnection connection;
    private boolean closed;
    private LodeResultSet resultSet;
    private long updateCount = -1;
    private int maxRows;
    private int fetchSize;
    private int queryTimeout;
    private boolean poolable;
    private boolean closeOnCompletion;
    private SQLWarning warnings;
    private final List<String> batch = new ArrayList<>();

    LodeStatement(LodeConnection connection) {
        this.connection = connection;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.of("This statement has been closed.", Errors.CONNECTION_CLOSED);
        }
        connection.checkOpen();
    }

    /** Closes the current result set and forgets the last update count. */
    void clearResult() throws SQLException {
        if (resultSet != null) {
            LodeResultSet rs = resultSet;
            resultSet = null;
            rs.closeQuietly();
        }
        updateCount = -1;
    }

    /**
     * Takes a statement's result: a result set if it returns rows, else the update count (the
     * result is drained and closed).
     *
     * @return whether it is a result set
     */
    boolean accept(StatementResult r, IntUnaryOperator positionMap) throws SQLException {
        if (r.returnsRows()) {
            resultSet = new LodeResultSet(this, RowSource.of(r), maxRows, positionMap);
            updateCount = -1;
            return true;
        }
        try (r) {
            while (r.next() != null) {
                // nothing: a statement without rows
            }
            updateCount = r.updateCount();
        } catch (SqlException e) {
            throw Errors.of(e, positionMap);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
        return false;
    }

    /** Reads the rest of the current result set into memory if it was read in a transaction block. */
    void detachResultFromTransaction() {
        if (resultSet != null) {
            resultSet.detachFromTransaction();
        }
    }

    /** Called by a result set when it closes. */
    void resultSetClosed(LodeResultSet rs) throws SQLException {
        if (rs == resultSet && closeOnCompletion) {
            close();
        }
    }

    private boolean run(String sql) throws SQLException {
        checkOpen();
        clearResult();
        if (sql == null) {
            throw Errors.of("the SQL text is null", Errors.INVALID_PARAMETER);
        }
        connection.beforeStatement();
        StatementResult r;
        java.util.concurrent.ScheduledFuture<?> timer = startTimeout();
        try {
            r = connection.session().sqlSession().executeScript(sql);
        } catch (SqlException e) {
            throw Errors.of(e);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        } finally {
            stopTimeout(timer);
        }
        return accept(r, null);
    }

    /**
     * Runs {@code sql} (one statement or a script).
     *
     * @return true if the (last) statement returned rows ({@link #getResultSet()}), false for an
     *     update count ({@link #getUpdateCount()})
     * @throws SQLException with the engine's SQLSTATE and the error position
     */
    @Override
    public boolean execute(String sql) throws SQLException {
        return run(sql);
    }

    /** @throws SQLException 02000 {@code No results were returned by the query.} if it returns no rows */
    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!run(sql)) {
            throw Errors.of("No results were returned by the query.", Errors.NO_DATA);
        }
        return resultSet;
    }

    /** @throws SQLException 0100E {@code A result was returned when none was expected.} for a query */
    @Override
    public int executeUpdate(String sql) throws SQLException {
        return saturate(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (run(sql)) {
            clearResult();
            throw Errors.of("A result was returned when none was expected.", Errors.TOO_MANY_RESULTS);
        }
        return updateCount;
    }

    static int saturate(long n) {
        return n > Integer.MAX_VALUE ? Statement.SUCCESS_NO_INFO : (int) n;
    }

    static void checkNoGeneratedKeys(int autoGeneratedKeys) throws SQLException {
        if (autoGeneratedKeys != Statement.NO_GENERATED_KEYS) {
            throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkNoGeneratedKeys(autoGeneratedKeys);
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkNoGeneratedKeys(autoGeneratedKeys);
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        checkNoGeneratedKeys(autoGeneratedKeys);
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return updateCount < 0 ? -1 : saturate(updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /** @return false: a statement has one result (closes the current result set) */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current == KEEP_CURRENT_RESULT) {
            resultSet = null;
            updateCount = -1;
        } else {
            clearResult();
        }
        return false;
    }

    /** Adds a statement to the batch. */
    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /**
     * Runs the batched statements one by one and clears the batch. In auto-commit mode each is its
     * own transaction; otherwise they join the connection's transaction block.
     *
     * @throws BatchUpdateException at the first failure (or a statement that returns rows), with
     *     the update counts of the statements before it: in auto-commit mode they stay applied, in a
     *     block they are part of it, and the block has failed (25P02 until rollback)
     */
    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = saturate(counts[i]);
        }
        return out;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> entries = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            try {
                if (run(entries.get(i))) {
                    clearResult();
                    throw Errors.of("A result was returned when none was expected.", Errors.TOO_MANY_RESULTS);
                }
                counts[i] = updateCount;
            } catch (SQLException e) {
                throw batchFailure(i, counts, e);
            }
        }
        clearResult();
        return counts;
    }

    static BatchUpdateException batchFailure(int index, long[] counts, SQLException e) {
        long[] done = Arrays.copyOf(counts, index);
        BatchUpdateException b = new BatchUpdateException("Batch entry " + index + " failed: " + e.getMessage(),
                e.getSQLState(), e.getErrorCode(), done, e);
        return b;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    /** Closes the statement and its current result set. Closing twice is harmless. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        clearResult();
        closed = true;
        connection.forget(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    /** Limits the rows a result set returns (0: no limit); the rest are not read. */
    @Override
    public void setMaxRows(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw Errors.of("Maximum number of rows must be a value greater than or equal to 0.",
                    Errors.INVALID_PARAMETER);
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        setMaxRows((int) Math.min(max, Integer.MAX_VALUE));
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return getMaxRows();
    }

    /** Accepted; rows are always streamed in the executor's chunks of up to 1,024 rows. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw Errors.of("Fetch size must be a value greater to or equal to 0.", Errors.INVALID_PARAMETER);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    private static final java.util.concurrent.ScheduledExecutorService TIMER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lode-jdbc-query-timeout");
                t.setDaemon(true);
                return t;
            });

    /** Starts the query timeout of the statement about to execute, or returns {@code null} if none is set. */
    java.util.concurrent.ScheduledFuture<?> startTimeout() {
        if (queryTimeout <= 0) {
            return null;
        }
        var session = connection.session().sqlSession();
        return TIMER.schedule(() -> session.cancel(true), queryTimeout, java.util.concurrent.TimeUnit.SECONDS);
    }

    static void stopTimeout(java.util.concurrent.ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /**
     * Sets the time a statement may run (until it has produced its result, or its first rows)
     * before it is cancelled with SQLSTATE 57014 {@code canceling statement due to statement
     * timeout}; 0 means no limit.
     */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw Errors.of("Query timeout must be a value greater than or equals to 0.",
                    Errors.INVALID_PARAMETER);
        }
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    /**
     * Cancels the statement this connection is executing (or whose rows are being read), from any
     * thread: it fails with SQLSTATE 57014 at its next check and writes nothing. Does nothing when
     * no statement runs.
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        connection.session().sqlSession().cancel(false);
    }

    /** Only 0 (no limit) is supported. */
    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max != 0) {
            throw Errors.notSupported("a maximum field size");
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    /** Accepted; JDBC escapes are never translated. */
    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Errors.notSupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    /** @return an empty result set: the driver never returns generated keys */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return new LodeResultSet(null, RowSource.of(List.of(), List.of()), 0, null);
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
        throw Errors.notSupported("named cursors");
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw Errors.of("Cannot unwrap to " + iface.getName(), Errors.INVALID_PARAMETER);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
