package dev.lodedb.bench.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the SQL workloads share: fresh database directories, the report line format, and the
 * "transactions if the engine has them" switch. Stateless.
 */
final class SqlBench {
    private SqlBench() {
    }

    /** Prints one report line prefixed with the engine's name. */
    static void print(JdbcEngine e, String line) {
        System.out.printf(Locale.ROOT, "%-7s %s%n", e.label(), line);
        System.out.flush();
    }

    /**
     * @return a new, empty directory {@code parent/name-<millis>} for one engine's database
     */
    static Path freshDir(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + parent, e);
        }
    }

    /** Deletes {@code dir} and everything below it; warns instead of failing. */
    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e);
        }
    }

    /**
     * Turns auto-commit off so that the caller can commit once per batch. An engine that does not
     * support it stays in auto-commit, every statement its own transaction. Run DDL before: LodeDB
     * refuses it inside a transaction block (0A000) for now.
     *
     * @return null if auto-commit is now off, else the reason it stays on (for the report)
     */
    static String tryManualCommit(Connection c) {
        try {
            c.setAutoCommit(false);
            return c.getAutoCommit() ? "setAutoCommit(false) had no effect" : null;
        } catch (SQLException | UnsupportedOperationException e) {
            return "setAutoCommit(false) unsupported (" + e.getMessage() + ")";
        }
    }

    /** Commits if auto-commit is off. */
    static void commitIfManual(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Reports that {@code e} could not run a workload: one line, plus the stack trace on stderr
     * unless the cause is simply that the engine has no JDBC driver (LodeDB's, until it lands).
     */
    static void failed(JdbcEngine e, Throwable failure) {
        print(e, "FAILED: " + failure);
        if (e.driverAvailable()) {
            failure.printStackTrace();
        }
    }

    /** @return {@code nanos} as seconds */
    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
