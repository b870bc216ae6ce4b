package dev.lodedb.bench.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How one connection runs multi-statement transactions through JDBC: between {@link #enter} and
 * {@link #leave} auto-commit is off, {@link #begin} marks the start of a block (the driver opens
 * it with the next statement), {@link #commit} or {@link #rollback} ends it. Not thread-safe: one
 * per connection.
 */
final class TransactionBlocks {
    private final Connection c;

    private TransactionBlocks(Connection c) {
        this.c = c;
    }

    /** @return the blocks of {@code c} (auto-commit stays on until {@link #enter}) */
    static TransactionBlocks of(Connection c) {
        return new TransactionBlocks(c);
    }

    /** @return how blocks are run, for the report */
    String describe() {
        return "JDBC setAutoCommit(false)/commit()";
    }

    /** Starts running blocks. */
    void enter() throws SQLException {
        c.setAutoCommit(false);
    }

    /** Back to auto-commit. */
    void leave() throws SQLException {
        c.setAutoCommit(true);
    }

    /** Opens a block: nothing to send, the next statement begins it. */
    void begin() {
    }

    /** Commits the block. */
    void commit() throws SQLException {
        c.commit();
    }

    /** Rolls the block back. */
    void rollback() throws SQLException {
        c.rollback();
    }
}
