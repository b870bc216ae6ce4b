package dev.lodedb.sql.session;

import java.util.List;

/**
 * A connection's state: settings, prepared statements, and (from issue 5) the open transaction.
 * Every statement is its own transaction: it reads one snapshot and its writes are applied as one
 * atomic batch when it completes. Not thread-safe: one thread at a time.
 */
public final class SqlSession implements AutoCloseable {
    /**
     * Parses and binds exactly one statement.
     *
     * @throws dev.lodedb.engine.SqlException 42601 on a syntax error or when the text holds more
     *     or less than one statement; binder errors (42P01, 42703, 42883, 42804, ...)
     */
    public PreparedSql prepare(String sql) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Executes a prepared statement.
     *
     * @param params the parameter values as Java objects ({@code Integer}, {@code Long},
     *     {@code String}, {@code BigDecimal}, {@code LocalDate}, ...), converted to the parameter
     *     types; {@code null} for SQL NULL
     * @throws dev.lodedb.engine.SqlException on any error; nothing of a failed statement is applied
     */
    public StatementResult execute(PreparedSql statement, List<?> params) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Runs every statement of a script in order and returns the last statement's result (the
     * earlier results are read to the end and closed). Stops at the first error.
     *
     * @throws dev.lodedb.engine.SqlException on the first failing statement
     */
    public StatementResult executeScript(String sql) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Forgets the session's prepared statements. */
    @Override
    public void close() {
    }
}
