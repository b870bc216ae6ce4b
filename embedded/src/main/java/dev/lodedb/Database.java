package dev.lodedb;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.transaction.IsolationLevel;
import dev.lodedb.sql.session.SqlDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An open LodeDB database. Thread-safe: any number of threads may open {@link Session}s on it at
 * once. Close it (try-with-resources) to release the directory lock; closing twice is harmless.
 */
public final class Database implements AutoCloseable {
    private final SqlDatabase sql;
    private final Path path;
    private final Path temporaryDirectory;
    private volatile boolean closed;

    Database(SqlDatabase sql, Path path, Path temporaryDirectory) {
        this.sql = sql;
        this.path = path;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** @return the database directory, or {@code null} for an in-memory database */
    public Path path() {
        return path;
    }

    /** @return whether this is an in-memory database ({@link Lode#openInMemory()}) */
    public boolean isInMemory() {
        return path == null;
    }

    /**
     * @return a new session; close it when done
     * @throws IllegalStateException if the database is closed
     */
    public Session session() {
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        return new Session(sql.openSession());
    }

    /**
     * How many times {@link #inTransaction} runs a transaction at most: the first attempt and up
     * to nine retries.
     */
    public static final int TRANSACTION_ATTEMPTS = 10;

    /**
     * Runs {@code body} in a transaction at {@code isolation} on a session of its own and commits
     * it, retrying the whole transaction when it fails with a serialization failure (SQLSTATE
     * 40001) or a deadlock (40P01), which the transaction may survive when run again:
     *
     * <pre>{@code
     * long balance = db.inTransaction(IsolationLevel.REPEATABLE_READ, s -> {
     *     s.execute("UPDATE account SET balance = balance - 10 WHERE id = 1");
     *     try (Rows r = s.query("SELECT balance FROM account WHERE id = 1")) {
     *         r.next();
     *         return r.getLong(1);
     *     }
     * });
     * }</pre>
     *
     * A failed attempt is rolled back; the next one starts after a short random pause (up to a
     * few tens of milliseconds, growing with the attempts) on a fresh snapshot. At most
     * {@link #TRANSACTION_ATTEMPTS} attempts are made, after which the last 40001 or 40P01 error
     * is thrown. Any other exception rolls back and is thrown at once, without a retry (55P03 lock
     * timeouts included). {@code body} may therefore run several times: keep effects outside the
     * database out of it, and do not call {@link Session#commit()} or {@link Session#rollback()}
     * in it. The session is closed when this returns.
     *
     * <p>Thread-safe: any number of threads may run transactions at once, each on its own session.
     *
     * @param isolation the isolation level of every attempt
     * @param body the work; its result is returned after the commit
     * @return what {@code body} returned in the attempt that committed
     * @throws SqlException the error that ended the transaction: 40001 or 40P01 after the last
     *     attempt, 25P02 if {@code body} caught a failed statement's error and returned (the
     *     transaction was rolled back), or any error of a statement
     * @throws IllegalStateException if the database is closed
     */
    public <T> T inTransaction(IsolationLevel isolation, Function<Session, T> body) {
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(body, "body");
        try (Session s = session()) {
            for (int attempt = 1;; attempt++) {
                s.begin(isolation);
                try {
                    T result = body.apply(s);
                    s.commit();
                    return result;
                } catch (RuntimeException e) {
                    s.rollback();
                    SqlException retryable = retryable(e);
                    if (retryable == null || attempt >= TRANSACTION_ATTEMPTS) {
                        throw e;
                    }
                    pauseBeforeRetry(attempt, e);
                }
            }
        }
    }

    /** @return the serialization failure or deadlock that caused {@code e}, or {@code null} */
    private static SqlException retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SqlException s && ("40001".equals(s.sqlState()) || "40P01".equals(s.sqlState()))) {
                return s;
            }
        }
        return null;
    }

    /** Sleeps 1 to 2^attempt ms (at most 64): transactions that collided rarely meet again. */
    private static void pauseBeforeRetry(int attempt, RuntimeException failure) {
        try {
            Thread.sleep(1 + ThreadLocalRandom.current().nextInt(1 << Math.min(attempt, 6)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** @return the SQL layer, for the JDBC driver and tools in this project */
    public SqlDatabase sqlDatabase() {
        return sql;
    }

    /** Closes the database (and deletes an in-memory database's files). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sql.close();
        if (temporaryDirectory != null) {
            try (Stream<Path> files = Files.walk(temporaryDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
