package dev.lodedb.bench.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * How one connection runs multi-statement transactions: through JDBC ({@code setAutoCommit(false)},
 * {@code commit()}, {@code rollback()}) where the driver supports it, else with the statements
 * {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK} on the auto-commit connection. Between
 * {@link #enter} and {@link #leave} the connection runs blocks: {@link #begin} opens one (a no-op
 * through JDBC, where the next statement starts it), {@link #commit} or {@link #rollback} ends it.
 * Outside, the connection is in auto-commit again. Not thread-safe: one per connection.
 */
final class TransactionBlocks {
    private final Connection c;
    /** Non-null when blocks are run as statements (the fallback below). */
    private final Statement statements;

    private TransactionBlocks(Connection c, Statement statements) {
        this.c = c;
        this.statements = statements;
    }

    /** Probes whether {@code c}'s driver can turn auto-commit off, and leaves it on. */
    static TransactionBlocks of(Connection c) throws SQLException {
        try {
            c.setAutoCommit(false);
            c.setAutoCommit(true);
            return new TransactionBlocks(c, null);
        } catch (SQLFeatureNotSupportedException e) {
            // Fallback for LodeDB's JDBC driver until it supports setAutoCommit(false) (branch jdbc):
            // LodeDB runs BEGIN/COMMIT/ROLLBACK as SQL. Remove this catch (and `statements`) once it has merged.
            return new TransactionBlocks(c, c.createStatement());
        }
    }

    /** @return how blocks are run, for the report */
    String describe() {
        return statements == null ? "JDBC setAutoCommit(false)/commit()" : "BEGIN/COMMIT statements (setAutoCommit(false) unsupported)";
    }

    /** Starts running blocks. */
    void enter() throws SQLException {
        if (statements == null) {
            c.setAutoCommit(false);
        }
    }

    /** Back to auto-commit. */
    void leave() throws SQLException {
        if (statements == null) {
            c.setAutoCommit(true);
        }
    }

    /** Opens a block. */
    void begin() throws SQLException {
        if (statements != null) {
            statements.execute("BEGIN");
        }
    }

    /** Commits the block. */
    void commit() throws SQLException {
        if (statements == null) {
            c.commit();
        } else {
            statements.execute("COMMIT");
        }
    }

    /** Rolls the block back. */
    void rollback() throws SQLException {
        if (statements == null) {
            c.rollback();
        } else {
            statements.execute("ROLLBACK");
        }
    }
}
