package dev.lodedb;

import dev.lodedb.sql.session.SqlDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
