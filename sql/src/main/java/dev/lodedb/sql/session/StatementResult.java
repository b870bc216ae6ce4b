package dev.lodedb.sql.session;

import dev.lodedb.sql.exec.DataChunk;
import java.util.List;

/**
 * The result of one executed statement: a stream of row chunks for statements that return rows
 * (queries, DML with RETURNING, EXPLAIN, SHOW), and a command tag with a row count for all.
 *
 * <p>Rows are produced lazily as {@link #next()} is called; the snapshot the statement reads is
 * held until {@link #close()}. Not thread-safe. Closing twice is harmless.
 */
public interface StatementResult extends AutoCloseable {
    /** @return the result columns (empty when the statement returns no rows) */
    List<ResultColumn> columns();

    /** @return whether the statement returns rows (a query, RETURNING, EXPLAIN, SHOW) */
    boolean returnsRows();

    /**
     * @return the next chunk of rows (with at least one row), or {@code null} at the end; the
     *     chunk is reused by the next call
     * @throws dev.lodedb.engine.SqlException on an error while executing
     */
    DataChunk next();

    /**
     * @return the number of rows inserted, updated, deleted or selected ({@code SELECT} counts
     *     only after the rows were read), or 0 for other statements
     */
    long updateCount();

    /** @return PostgreSQL's command tag: {@code SELECT 3}, {@code INSERT 0 1}, {@code CREATE TABLE} */
    String commandTag();

    /**
     * PostgreSQL's NOTICE messages of the statement, in the order raised (e.g. {@code COPY ...
     * (ON_ERROR ignore)}'s {@code 2 rows were skipped due to data type incompatibility}); a client
     * shows them as {@code NOTICE:  ...} lines, JDBC as warnings.
     *
     * @return the notices, complete once the statement has completed; empty for most statements
     */
    default List<String> notices() {
        return List.of();
    }

    /** Releases the snapshot and any spill files. */
    @Override
    void close();
}
