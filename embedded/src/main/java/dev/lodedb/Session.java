package dev.lodedb;

import dev.lodedb.sql.session.ImportProgress;
import dev.lodedb.sql.session.SqlSession;
import dev.lodedb.sql.session.StatementResult;
import java.util.Arrays;

/**
 * A unit of work on a {@link Database}: runs SQL statements and returns their results. Each
 * statement is its own transaction until transactions arrive (issue 5). Not thread-safe: use one
 * session per thread. Close it when done.
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

    /** @return the SQL layer's session, for the JDBC driver and tools in this project */
    public SqlSession sqlSession() {
        return sql;
    }

    /** Closes the session. */
    @Override
    public void close() {
        sql.close();
    }
}
