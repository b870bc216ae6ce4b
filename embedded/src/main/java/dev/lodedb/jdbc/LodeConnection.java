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
 * <p><b>Transactions.</b> LodeDB has no multi-statement transactions yet (they arrive with issue
 * 5): every statement is its own transaction, atomic and durable when it completes. The connection
 * is therefore always in auto-commit mode. {@code setAutoCommit(true)} is accepted;
 * {@code setAutoCommit(false)} throws {@link SQLFeatureNotSupportedException} (SQLSTATE 0A000)
 * rather than pretend: statements run after it would still commit one by one, and a later
 * {@code rollback()} could not undo them. {@code commit()} and {@code rollback()} throw, as pgjdbc
 * does in auto-commit mode ({@code Cannot commit when autoCommit is enabled.}, SQLSTATE 25P01).
 * Code that needs atomicity across statements must wait for transactions.
 *
 * <p>Isolation: each statement reads one consistent snapshot; {@link #getTransactionIsolation()}
 * reports {@link Connection#TRANSACTION_READ_COMMITTED}, the only level that can be set.
 *
 * <p>Not thread-safe, like most JDBC drivers' connections: use a connection (and its statements
 * and result sets) from one thread at a time. Open one connection per thread; connections to the
 * same database share it.
 *
 * <p>Not supported: callable statements, savepoints, generated keys, LOBs and arrays, updatable or
 * scrollable result sets, read-only mode, type maps; these throw
 * {@link SQLFeatureNotSupportedException}.
 */
public final class LodeConnection implements Connection {
    private final DatabaseRegistry.Handle handle;
    private final Session session;
    private final String url;
    private final Set<LodeStatement> statements = new LinkedHashSet<>();
    private final Properties clientInfo = new Properties();
    private boolean closed;
    private SQLWarning warnings;

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

    /**
     * Accepts {@code true} (the only mode there is).
     *
     * @throws SQLFeatureNotSupportedException (0A000) for {@code false}: LodeDB has no
     *     multi-statement transactions yet, every statement is its own transaction
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (!autoCommit) {
            throw new SQLFeatureNotSupportedException("LodeDB does not support transactions yet: every statement "
                    + "is its own transaction, committed when it completes, so auto-commit cannot be turned off",
                    Errors.NOT_SUPPORTED);
        }
    }

    /** @return true: every statement commits when it completes */
    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return true;
    }

    /** @throws SQLException always (25P01): the connection is in auto-commit mode, as pgjdbc reports it */
    @Override
    public void commit() throws SQLException {
        checkOpen();
        throw Errors.of("Cannot commit when autoCommit is enabled.", Errors.NO_TRANSACTION);
    }

    /** @throws SQLException always (25P01): the connection is in auto-commit mode, as pgjdbc reports it */
    @Override
    public void rollback() throws SQLException {
        checkOpen();
        throw Errors.of("Cannot rollback when autoCommit is enabled.", Errors.NO_TRANSACTION);
    }

    /**
     * Closes the connection, its statements and their result sets; the database closes when its last
     * connection does. Closing twice is harmless.
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

    /** Not supported (a hint the driver may ignore; read-only mode is not enforced, so {@code true} is refused). */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (readOnly) {
            throw Errors.notSupported("read-only connections");
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return false;
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

    /** Accepts {@code READ_COMMITTED}; other levels throw {@link SQLFeatureNotSupportedException}. */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_READ_COMMITTED) {
            throw Errors.notSupported("transaction isolation level " + level + " (only READ_COMMITTED)");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_READ_COMMITTED;
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

    @Override
    public Savepoint setSavepoint() throws SQLException {
        checkOpen();
        throw Errors.notSupported("savepoints");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return setSavepoint();
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        setSavepoint();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        setSavepoint();
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
