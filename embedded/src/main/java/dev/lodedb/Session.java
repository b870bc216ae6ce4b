package dev.lodedb;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.transaction.IsolationLevel;
import dev.lodedb.sql.session.ImportProgress;
import dev.lodedb.sql.session.SqlSession;
import dev.lodedb.sql.session.StatementResult;
import java.util.Arrays;
import java.util.Locale;

/**
 * A unit of work on a {@link Database}: runs SQL statements and returns their results.
 *
 * <p><b>Transactions.</b> Outside a transaction block every statement is its own transaction:
 * atomic, and durable when it returns. {@link #begin()} (or SQL {@code BEGIN}) opens a block whose
 * statements share one transaction until {@link #commit()} or {@link #rollback()}:
 *
 * <pre>{@code
 * s.begin(IsolationLevel.REPEATABLE_READ);
 * try {
 *     s.execute("UPDATE account SET balance = balance - $1 WHERE id = $2", 10, 1);
 *     s.execute("UPDATE account SET balance = balance + $1 WHERE id = $2", 10, 2);
 *     s.commit();
 * } finally {
 *     s.rollback(); // does nothing after a successful commit
 * }
 * }</pre>
 *
 * A statement that fails inside a block fails the whole block: further statements fail with
 * SQLSTATE 25P02 until {@link #rollback()} (or SQL {@code ROLLBACK TO SAVEPOINT}). Under REPEATABLE
 * READ and SERIALIZABLE a conflict with a concurrent transaction fails with 40001, a deadlock with
 * 40P01; {@link Database#inTransaction} retries those. DDL inside a block is transactional.
 * Closing the session rolls back an open block. Read {@link Rows} of a query in
 * a block to the end, or close them, before the block runs its next statement or ends: they read
 * through the block's transaction. The semantics of the levels are in docs/transactions.md.
 *
 * <p>Not thread-safe: use one session per thread. Close it when done.
 */
public final class Session implements AutoCloseable {
    private final SqlSession sql;

    Session(SqlSession sql) {
        this.sql = sql;
    }

    /**
     * Runs one statement with {@code $1, $2, ...} parameters, or (without parameters) a script of
     * several statements separated by semicolons.
     *
     * @param sql the statement or script
     * @param params parameter values as Java objects ({@code null} for SQL NULL)
     * @return the number of rows the (last) statement inserted, updated or deleted; 0 for others
     * @throws dev.lodedb.engine.SqlException on an error, with its SQLSTATE; nothing of the failing
     *     statement is applied (earlier statements of a script are)
     */
    public long execute(String sql, Object... params) {
        StatementResult r = params.length == 0 ? this.sql.executeScript(sql)
                : this.sql.execute(this.sql.prepare(sql), Arrays.asList(params));
        try (r) {
            while (r.next() != null) {
                // read RETURNING rows to the end so that the statement completes
            }
            return r.updateCount();
        }
    }

    /**
     * Runs one statement that returns rows and streams them.
     *
     * @param sql one statement
     * @param params parameter values ({@code null} for SQL NULL)
     * @return the rows; close them when done
     * @throws dev.lodedb.engine.SqlException on an error
     */
    public Rows query(String sql, Object... params) {
        return new Rows(this.sql.execute(this.sql.prepare(sql), Arrays.asList(params)));
    }

    /**
     * Parses and plans a statement once for repeated execution.
     *
     * @throws dev.lodedb.engine.SqlException on a syntax or binding error
     */
    public PreparedStatement prepare(String sql) {
        return new PreparedStatement(this.sql, this.sql.prepare(sql));
    }

    /**
     * Attaches the streams that {@code COPY ... FROM STDIN} reads and {@code COPY ... TO STDOUT}
     * writes; without them those statements fail with SQLSTATE 0A000 (a file path works without
     * streams: {@code COPY city FROM 'cities.csv' (FORMAT csv, HEADER)}).
     *
     * <p>COPY FROM STDIN reads {@code in} to its end or to a {@code \.} line (text and csv formats)
     * and may read ahead past that line, so give it a stream that holds only the data. COPY TO
     * STDOUT flushes {@code out} when the statement ends. Neither stream is closed.
     *
     * @param in the data to import, or {@code null}
     * @param out where exports go, or {@code null}
     */
    public void setCopyStreams(java.io.InputStream in, java.io.OutputStream out) {
        sql.setCopyStreams(in, out);
    }

    /**
     * Sets a listener for the progress of imports run by this session: {@code COPY ... FROM} and
     * queries that scan {@code read_csv(...)} / {@code read_json(...)}. It is called on the thread
     * running the statement, at most about every 100 ms and once at the end, with the records read,
     * the bytes read from the file (compressed bytes for gzip) and the file's size (-1 for STDIN).
     *
     * @param progress the listener, or {@code null} for none
     */
    public void setImportProgress(ImportProgress progress) {
        sql.setImportProgress(progress);
    }

    /**
     * Opens a transaction block at the session's default isolation level (READ COMMITTED unless
     * {@code default_transaction_isolation} or {@code SET SESSION CHARACTERISTICS} changed it), as
     * SQL {@code BEGIN} does.
     *
     * @throws SqlException 25001 if a block is already open
     */
    public void begin() {
        begin(null);
    }

    /**
     * Opens a transaction block at {@code isolation}, as SQL {@code BEGIN ISOLATION LEVEL ...} does.
     *
     * @param isolation the level, or {@code null} for the session's default
     * @throws SqlException 25001 if a block is already open (unlike SQL {@code BEGIN}, which only warns)
     */
    public void begin(IsolationLevel isolation) {
        if (sql.inTransaction()) {
            throw new SqlException("25001", "there is already a transaction in progress");
        }
        execute(isolation == null ? "BEGIN" : "BEGIN ISOLATION LEVEL " + isolation.sqlName().toUpperCase(Locale.ROOT));
    }

    /**
     * Commits the open transaction block: its writes become visible to other sessions at once and
     * are durable when this returns (unless {@code synchronous_commit} is off).
     *
     * @throws SqlException 25P01 if no block is open; 40001 if a SERIALIZABLE transaction fails its
     *     validation (the block is then rolled back); 25P02 if a statement of the block had failed:
     *     the block is rolled back instead (where SQL {@code COMMIT} answers {@code ROLLBACK} without
     *     an error, as PostgreSQL does). The block is closed in every case.
     */
    public void commit() {
        if (!sql.inTransaction()) {
            throw new SqlException("25P01", "there is no transaction in progress");
        }
        boolean failed = sql.transactionFailed();
        execute("COMMIT");
        if (failed) {
            throw new SqlException("25P02", "the transaction was rolled back, not committed, because a statement in "
                    + "it had failed", null, "Call rollback() after a failed statement, or ROLLBACK TO SAVEPOINT to "
                    + "go on.", 0, null);
        }
    }

    /**
     * Rolls back the open transaction block: none of its writes happened. Does nothing when no block
     * is open, so that it can clean up in a {@code finally} block after {@link #commit()}.
     */
    public void rollback() {
        if (sql.inTransaction()) {
            execute("ROLLBACK");
        }
    }

    /** @return whether a transaction block is open (also when it failed and awaits {@link #rollback()}) */
    public boolean inTransaction() {
        return sql.inTransaction();
    }

    /** @return the SQL layer's session, for the JDBC driver and tools in this project */
    public SqlSession sqlSession() {
        return sql;
    }

    /** Closes the session, rolling back an open transaction block. */
    @Override
    public void close() {
        sql.close();
    }
}
