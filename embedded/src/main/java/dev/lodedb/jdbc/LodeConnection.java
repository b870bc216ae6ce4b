package dev.lodedb.jdbc;

import dev.lodedb.Database;
import dev.lodedb.Session;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A connection to a LodeDB database, holding one {@link Session}.
 *
 * <p><b>Transactions</b> behave as in pgjdbc against PostgreSQL. In auto-commit mode (the default)
 * every statement is its own transaction, atomic and durable when it completes. After
 * {@code setAutoCommit(false)} the next statement opens a transaction block first (pgjdbc sends
 * {@code BEGIN}, or {@code BEGIN READ ONLY} after {@code setReadOnly(true)}); the statements that
 * follow share it until {@link #commit()} or {@link #rollback()}, which do nothing when no block
 * is open and throw in auto-commit mode ({@code Cannot commit when autoCommit is enabled.},
 * 25P01). A statement that fails inside a block fails the block: further statements fail with
 * 25P02 until {@code rollback()}, and {@code commit()} of a failed block rolls it back without an
 * exception, as pgjdbc's default does (the connection gets a {@link SQLWarning}).
 * {@code setAutoCommit(true)} commits an open block; {@link #close()} rolls it back. DDL and
 * {@code COPY FROM} cannot run inside a block yet (0A000).
 *
 * <p>Isolation: {@link #setTransactionIsolation} sets the level of the transactions that follow
 * ({@code SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ...}); READ UNCOMMITTED runs
 * as READ COMMITTED, as in PostgreSQL. Serialization failures (40001) and deadlocks (40P01) are
 * {@link java.sql.SQLTransactionRollbackException}s; the application retries the transaction.
 *
 * <p>Not thread-safe, like most JDBC drivers' connections: use a connection (and its statements
 * and result sets) from one thread at a time. Open one connection per thread; connections to the
 * same database share it.
 *
 * <p>Not supported: callable statements, generated keys, LOBs and arrays, updatable or scrollable
 * result sets, type maps; these throw {@link SQLFeatureNotSupportedException}.
 */
public final class LodeConnection implements Connection {
    private final DatabaseRegistry.Handle handle;
    private final Session session;
    private final String url;
    private final Set<LodeStatement> statements = new LinkedHashSet<>();
    private final Properties clientInfo = new Properties();
    private boolean closed;
    private SQLWarning warnings;
    private boolean autoCommit = true;
    private boolean readOnly;
    /** Whether TRANSACTION_READ_UNCOMMITTED was set: it runs as, and reads back from SQL as, READ COMMITTED. */
    private boolean readUncommitted;
    /** The id of the next unnamed savepoint. */
    private int nextSavepointId;

    LodeConnection(DatabaseRegistry.Handle handle, String url) throws SQLException {
        this.handle = handle;
        this.url = url;
        try {
            this.session = handle.database().session();
        } catch (RuntimeException e) {
            handle.release();
            throw Errors.of("cannot open a session: " + e.getMessage(), Errors.CANNOT_CONNECT, e);
        }
    }

    /** @return the open database this connection works on (shared with other connections to it) */
    public Database database() {
        return handle.database();
    }

    /** @return the embedded API session this connection runs its statements on */
    public Session session() {
        return session;
    }

    String url() {
        return url;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.of("This connection has been closed.", Errors.CONNECTION_CLOSED);
        }
    }

    void forget(LodeStatement s) {
        statements.remove(s);
    }

    private <S extends LodeStatement> S register(S s) {
        statements.add(s);
        return s;
    }

    private static void checkResultSetOptions(int type, int concurrency, int holdability) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY) {
            throw Errors.notSupported("scrollable result sets (only TYPE_FORWARD_ONLY)");
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw Errors.notSupported("updatable result sets (only CONCUR_READ_ONLY)");
        }
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw Errors.of("invalid holdability " + holdability, Errors.INVALID_PARAMETER);
        }
    }

    /** @return a new statement (forward-only, read-only result sets) */
    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return register(new LodeStatement(this));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement(resultSetType, resultSetConcurrency, ResultSet.HOLD_CURSORS_OVER_COMMIT);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        checkResultSetOptions(resultSetType, resultSetConcurrency, resultSetHoldability);
        return createStatement();
    }

    /**
     * Parses and plans {@code sql} once; {@code ?} markers become {@code $1, $2, ...} (see
     * {@link LodePreparedStatement}).
     *
     * @throws SQLException with the engine's SQLSTATE for a syntax or binding error (42601, 42P01, ...)
     */
    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return register(new LodePreparedStatement(this, sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareStatement(sql, resultSetType, resultSetConcurrency, ResultSet.HOLD_CURSORS_OVER_COMMIT);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        checkOpen();
        checkResultSetOptions(resultSetType, resultSetConcurrency, resultSetHoldability);
        return prepareStatement(sql);
    }

    /** @throws SQLFeatureNotSupportedException unless {@code autoGeneratedKeys} is NO_GENERATED_KEYS */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        if (autoGeneratedKeys != Statement.NO_GENERATED_KEYS) {
            throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
        }
        return prepareStatement(sql);
    }

    /** @throws SQLFeatureNotSupportedException always: generated keys are not supported (use RETURNING) */
    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    /** @throws SQLFeatureNotSupportedException always: generated keys are not supported (use RETURNING) */
    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        throw Errors.notSupported("returning generated keys (use INSERT ... RETURNING)");
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpen();
        throw Errors.notSupported("CallableStatement");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return prepareCall(sql);
    }

    /** @return {@code sql} with {@code ?} markers rewritten to {@code $n}, as prepared statements run it */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return ParameterTranslator.translate(sql).sql();
    }

    /** Runs a transaction-control statement on the session, outside the auto-commit logic. */
    private void command(String sql) throws SQLException {
        detachResults();
        try {
            session.execute(sql);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
    }

    /** @return whether a transaction block is open (also a failed one) */
    private boolean inTransaction() {
        return session.sqlSession().inTransaction();
    }

    /**
     * Called before every statement runs. In a transaction block, first reads the open result sets
     * of the block into memory ({@link LodeResultSet#detachFromTransaction()}). With auto-commit off
     * and no block open, opens one, as pgjdbc sends {@code BEGIN} (or {@code BEGIN READ ONLY})
     * before the first statement.
     */
    void beforeStatement() throws SQLException {
        if (inTransaction()) {
            detachResults();
        } else if (!autoCommit) {
            command(readOnly ? "BEGIN READ ONLY" : "BEGIN");
        }
    }

    /** Reads the rest of the result sets open in the transaction block into memory. */
    private void detachResults() {
        for (LodeStatement s : statements) {
            s.detachResultFromTransaction();
        }
    }

    /**
     * Switches auto-commit mode. Turning it off opens no transaction yet (the next statement does);
     * turning it on commits an open block ({@link #commit()}), as the JDBC specification requires.
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (this.autoCommit == autoCommit) {
            return;
        }
        if (!this.autoCommit) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    /**
     * Commits the open transaction block; does nothing when none is open. A failed block (a
     * statement in it failed) is rolled back instead, without an exception, as pgjdbc does by
     * default; a {@link SQLWarning} with SQLSTATE 25P02 on the connection says so.
     *
     * @throws SQLException 25P01 {@code Cannot commit when autoCommit is enabled.}; 40001 when a
     *     SERIALIZABLE transaction fails its validation (it is rolled back)
     */
    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw Errors.of("Cannot commit when autoCommit is enabled.", Errors.NO_TRANSACTION);
        }
        if (!inTransaction()) {
            return;
        }
        boolean failed = session.sqlSession().transactionFailed();
        command("COMMIT");
        if (failed) {
            addWarning(new SQLWarning("The transaction was rolled back, not committed: a statement in it had failed.",
                    Errors.FAILED_TRANSACTION));
        }
    }

    /**
     * Rolls back the open transaction block; does nothing when none is open.
     *
     * @throws SQLException 25P01 {@code Cannot rollback when autoCommit is enabled.}
     */
    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw Errors.of("Cannot rollback when autoCommit is enabled.", Errors.NO_TRANSACTION);
        }
        if (inTransaction()) {
            command("ROLLBACK");
        }
    }

    private void addWarning(SQLWarning w) {
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    /**
     * Closes the connection, its statements and their result sets, and rolls back an open
     * transaction block; the database closes when its last connection does. Closing twice is
     * harmless.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        SQLException failure = null;
        for (LodeStatement s : new ArrayList<>(statements)) {
            try {
                s.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        statements.clear();
        try {
            session.close();
        } finally {
            try {
                handle.release();
            } catch (RuntimeException e) {
                failure = Errors.of("closing the database failed: " + e.getMessage(), "58030", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** @return whether the connection is open (there is no server to ping) */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw Errors.of("Invalid timeout (" + timeout + "<0).", Errors.INVALID_PARAMETER);
        }
        return !closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new LodeDatabaseMetaData(this);
    }

    /**
     * Makes the transactions this connection opens in manual-commit mode READ ONLY ({@code BEGIN
     * READ ONLY}): writes in them fail with 25006. As in pgjdbc (its default {@code readOnlyMode=
     * transaction}), statements in auto-commit mode are not restricted.
     *
     * @throws SQLException 25001 while a transaction block is open
     */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (inTransaction()) {
            throw Errors.of("Cannot change transaction read-only property in the middle of a transaction.",
                    Errors.ACTIVE_TRANSACTION);
        }
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** Ignored: LodeDB has no catalogs (databases) within a database, as PostgreSQL's JDBC driver ignores it. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    /** @return {@code null}: no catalogs */
    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    /**
     * Sets the isolation level of the transactions that follow, as pgjdbc does with {@code SET
     * SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ...}. All four JDBC levels are accepted;
     * READ UNCOMMITTED runs as READ COMMITTED (as in PostgreSQL) and reads back as READ UNCOMMITTED.
     *
     * @throws SQLException 25001 {@code Cannot change transaction isolation level in the middle of a
     *     transaction.} while a block is open; 0A000 for an unknown level
     */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (inTransaction()) {
            throw Errors.of("Cannot change transaction isolation level in the middle of a transaction.",
                    Errors.ACTIVE_TRANSACTION);
        }
        String name;
        switch (level) {
            case TRANSACTION_READ_UNCOMMITTED:
                name = "READ UNCOMMITTED";
                break;
            case TRANSACTION_READ_COMMITTED:
                name = "READ COMMITTED";
                break;
            case TRANSACTION_REPEATABLE_READ:
                name = "REPEATABLE READ";
                break;
            case TRANSACTION_SERIALIZABLE:
                name = "SERIALIZABLE";
                break;
            default:
                throw Errors.of("Transaction isolation level " + level + " not supported.", Errors.NOT_SUPPORTED);
        }
        command("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + name);
        readUncommitted = level == TRANSACTION_READ_UNCOMMITTED;
    }

    /**
     * @return the level of the open transaction block, else of the transactions that follow (also
     *     when SQL changed it: it is read with {@code SHOW transaction_isolation}, as pgjdbc does)
     * @throws SQLException 25P02 inside a failed block, as in pgjdbc
     */
    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        String level;
        try (dev.lodedb.Rows rows = session.query("SHOW transaction_isolation")) {
            rows.next();
            level = rows.getString(1);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
        switch (level) {
            case "serializable":
                return TRANSACTION_SERIALIZABLE;
            case "repeatable read":
                return TRANSACTION_REPEATABLE_READ;
            default:
                return readUncommitted ? TRANSACTION_READ_UNCOMMITTED : TRANSACTION_READ_COMMITTED;
        }
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
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Collections.emptyMap();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        if (map != null && !map.isEmpty()) {
            throw Errors.notSupported("custom type maps");
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw Errors.notSupported("holdability other than HOLD_CURSORS_OVER_COMMIT");
        }
    }

    /** @return HOLD_CURSORS_OVER_COMMIT: a result set stays readable after its statement committed */
    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    /**
     * Sets an unnamed savepoint ({@code SAVEPOINT JDBC_SAVEPOINT_<id>}) in the current transaction,
     * opening the block first if none is open (as pgjdbc, which runs it as a statement).
     *
     * @throws SQLException 25P01 {@code Cannot establish a savepoint in auto-commit mode.}; 25P02 in a
     *     failed block
     */
    @Override
    public Savepoint setSavepoint() throws SQLException {
        return savepoint(new LodeSavepoint(nextSavepointId++));
    }

    /**
     * Sets a named savepoint ({@code SAVEPOINT "name"}, the name taken as written); as
     * {@link #setSavepoint()} otherwise.
     */
    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null) {
            throw Errors.of("the savepoint name is null", Errors.INVALID_PARAMETER);
        }
        return savepoint(new LodeSavepoint(name));
    }

    private Savepoint savepoint(LodeSavepoint sp) throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw Errors.of("Cannot establish a savepoint in auto-commit mode.", Errors.NO_TRANSACTION);
        }
        beforeStatement();
        command("SAVEPOINT " + sp.sqlName());
        return sp;
    }

    private static LodeSavepoint lodeSavepoint(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof LodeSavepoint s) {
            return s;
        }
        throw Errors.of("not a savepoint of this driver: " + savepoint, LodeSavepoint.INVALID_SAVEPOINT);
    }

    /**
     * Undoes what the transaction did since {@code savepoint} ({@code ROLLBACK TO SAVEPOINT}), which
     * also ends a failed state; the savepoint stays, later ones are forgotten.
     *
     * @throws SQLException 25P01 outside a transaction block; 3B001 when the savepoint no longer
     *     exists (the transaction ended, or an earlier one was rolled back to); 3B000 after
     *     {@link #releaseSavepoint}
     */
    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        command("ROLLBACK TO SAVEPOINT " + lodeSavepoint(savepoint).sqlName());
    }

    /**
     * Forgets {@code savepoint} and the savepoints after it ({@code RELEASE SAVEPOINT}); the work
     * since stays part of the transaction.
     *
     * @throws SQLException as {@link #rollback(Savepoint)}, and 25P02 in a failed block
     */
    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        LodeSavepoint sp = lodeSavepoint(savepoint);
        command("RELEASE SAVEPOINT " + sp.sqlName());
        sp.release();
    }

    @Override
    public Clob createClob() throws SQLException {
        throw Errors.notSupported("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw Errors.notSupported("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw Errors.notSupported("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw Errors.notSupported("createSQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw Errors.notSupported("arrays");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw Errors.notSupported("createStruct");
    }

    /** Stores the property; it has no effect. */
    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        if (properties != null) {
            clientInfo.putAll(properties);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties p = new Properties();
        p.putAll(clientInfo);
        return p;
    }

    /**
     * Accepts {@code public}, where unqualified names resolve; other schemas are reachable
     * qualified ({@code sales.orders}) but cannot be made the default yet.
     *
     * @throws SQLFeatureNotSupportedException for a schema other than {@code public}
     */
    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema != null && !schema.equals("public")) {
            throw Errors.notSupported("a search path other than public");
        }
    }

    /** @return {@code public}: unqualified names resolve there */
    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return "public";
    }

    /** Closes the connection (there is nothing running elsewhere to abort). */
    @Override
    public void abort(Executor executor) throws SQLException {
        close();
    }

    /** Accepted and ignored: an embedded database has no network. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw Errors.of("Network timeout must be a value greater than or equal to 0.",
                    Errors.INVALID_PARAMETER);
        }
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return 0;
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
