package dev.lodedb.bench.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL server for a benchmark run: {@code initdb} into a fresh directory, started
 * with {@code pg_ctl} on a free loopback port and a Unix socket in that directory, stopped (and
 * its directory deleted) by {@link #close}. The server runs with PostgreSQL's defaults (fsync on,
 * synchronous_commit on, shared_buffers 128 MB) except the settings passed to {@link #start}.
 *
 * <p>PostgreSQL refuses to run as root; when the benchmark runs as root the server's programs run
 * as the operating-system user {@code postgres} through {@code runuser}, and the directories it
 * needs are handed to that user. The programs are looked up on {@code PATH} and in
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's layout). Not thread-safe.
 */
final class PostgresServer implements AutoCloseable {
    private final Path dir;
    /** A short directory for the Unix socket (its path must stay under 107 bytes). */
    private final Path socketDir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private boolean running;

    private PostgresServer(Path dir, Path socketDir, Path bin, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.socketDir = socketDir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * @return the directory of {@code initdb}, {@code pg_ctl} and {@code psql}, or null if
     *     PostgreSQL's server programs are not installed
     */
    static Path findBin() {
        List<Path> candidates = new ArrayList<>();
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty()) {
                candidates.add(Path.of(p));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (var s = Files.list(debian)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException e) {
                // fall through: PATH only
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl"))
                    && Files.isExecutable(c.resolve("postgres"))) {
                return c;
            }
        }
        return null;
    }

    /**
     * Creates and starts a server in a new directory under {@code parent}.
     *
     * @param settings extra {@code -c name=value} server settings (may be empty)
     * @throws IllegalStateException if PostgreSQL is not installed or does not start (the message
     *     carries its log)
     */
    static PostgresServer start(Path parent, List<String> settings) {
        Path bin = findBin();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL's server programs (initdb, pg_ctl) are not installed"
                    + " (Debian: apt-get install postgresql)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = SqlBench.freshDir(parent, "postgres");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "pg");
            PostgresServer server = new PostgresServer(dir, socketDir, bin, port, root);
            if (root) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                openPath(parent);
                run(List.of("chown", "-R", "postgres:postgres", dir.toString(), socketDir.toString()), "chown");
            }
            server.runAsServerUser(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-A", "trust",
                    "-U", "postgres", "-E", "UTF8", "--locale=C"), "initdb");
            StringBuilder opts = new StringBuilder("-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1");
            for (String s : settings) {
                opts.append(" -c ").append(s);
            }
            try {
                server.runAsServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data().toString(), "-l",
                        dir.resolve("server.log").toString(), "-o", opts.toString(), "-w", "start"), "pg_ctl start");
            } catch (IllegalStateException e) {
                Path log = dir.resolve("server.log");
                throw new IllegalStateException(e.getMessage() + (Files.exists(log) ? "; server log: " + Files.readString(log).strip() : ""));
            }
            server.running = true;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the postgres user traverse every directory from {@code p} up to the root. */
    private static void openPath(Path p) throws IOException {
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isDirectory(q)) {
                run(List.of("chmod", "o+x", q.toString()), "chmod");
            }
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** @return the loopback port the server listens on */
    int port() {
        return port;
    }

    /** @return the PostgreSQL version line of {@code postgres --version} */
    String version() {
        return run(List.of(bin.resolve("postgres").toString(), "--version"), "postgres --version").trim();
    }

    /**
     * Makes {@code file} (and the directories above it) readable by the server, for server-side
     * {@code COPY ... FROM 'file'}.
     */
    void grantRead(Path file) throws IOException {
        if (asPostgresUser) {
            openPath(file.toAbsolutePath().getParent());
            run(List.of("chmod", "o+r", file.toAbsolutePath().toString()), "chmod");
        }
    }

    /**
     * Runs a SQL script with {@code psql} (as the server's user), stopping at the first error.
     *
     * @return psql's standard output
     * @throws IllegalStateException if psql fails (the message carries its output)
     */
    String psql(String script) {
        String psql = Files.isExecutable(bin.resolve("psql")) ? bin.resolve("psql").toString() : "psql";
        List<String> cmd = List.of(psql, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(),
                "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres", "-c", script);
        return run(cmd, "psql");
    }

    private void runAsServerUser(List<String> cmd, String what) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        run(full, what);
    }

    /**
     * Runs a process to completion.
     *
     * @return its standard output (stderr merged)
     * @throws IllegalStateException if it exits with a non-zero status
     */
    static String run(List<String> cmd, String what) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    /** Stops the server (fast shutdown) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (running) {
                running = false;
                runAsServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"),
                        "pg_ctl stop");
            }
        } finally {
            SqlBench.deleteRecursively(dir);
            SqlBench.deleteRecursively(socketDir);
        }
    }
}
