package dev.lodedb.jdbc;

import dev.lodedb.Database;
import dev.lodedb.Lode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * LodeDB's JDBC driver. It runs the database inside the application's JVM; there is no server.
 *
 * <p>URLs:
 * <ul>
 *   <li>{@code jdbc:lode:<path>}: the database in directory {@code <path>}, created if absent; a
 *       relative path is relative to the working directory. Every connection to the same directory
 *       within one JVM shares one open {@link Database} (the store locks its directory against
 *       other processes); the database is closed when its last connection closes.</li>
 *   <li>{@code jdbc:lode:mem:<name>}: an in-memory database shared by every connection that names
 *       it, living as long as at least one of them is open; its data is gone when the last one
 *       closes.</li>
 *   <li>{@code jdbc:lode:mem:} (no name): a private in-memory database of that one connection.</li>
 * </ul>
 * User and password properties are accepted and ignored (an embedded database has no users yet).
 *
 * <p>The driver registers itself with {@link DriverManager} when the class is loaded, and is
 * listed in {@code META-INF/services/java.sql.Driver} so that {@code DriverManager} finds it on
 * the class path without {@code Class.forName}. Thread-safe.
 */
public final class LodeDriver implements Driver {
    /** The URL prefix this driver accepts. */
    public static final String PREFIX = "jdbc:lode:";
    /** Driver version, the project's version. */
    public static final String VERSION = "0.1.0";
    static final int MAJOR_VERSION = 0;
    static final int MINOR_VERSION = 1;
    private static final String MEM = "mem:";

    private static final LodeDriver INSTANCE = new LodeDriver();
    private static final DatabaseRegistry REGISTRY = new DatabaseRegistry();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates a driver; applications use {@link DriverManager} instead. */
    public LodeDriver() {
    }

    /**
     * Opens a connection.
     *
     * @param url a {@code jdbc:lode:} URL, optionally with settings after {@code ?}
     *     ({@code jdbc:lode:data/shop?synchronous_commit=off})
     * @param info connection properties: {@code synchronous_commit} ({@code on}, the default for a
     *     file database: a commit returns when its log record is on disk; {@code off}: when it is
     *     written to the operating system, surviving a crash of the process but not of the
     *     machine, as PostgreSQL's setting of that name); {@code user} and {@code password} are
     *     accepted and ignored
     * @return the connection, or {@code null} if the URL is not a {@code jdbc:lode:} URL (as the
     *     JDBC contract asks, so that DriverManager tries the next driver)
     * @throws SQLException 08001 when the database cannot be opened (e.g. the directory is locked by
     *     another process, or is not a LodeDB database)
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String rest = url.substring(PREFIX.length());
        Properties settings = new Properties();
        if (info != null) {
            settings.putAll(info);
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                settings.setProperty(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
            rest = rest.substring(0, q);
        }
        for (String key : settings.stringPropertyNames()) {
            if (!key.equals("user") && !key.equals("password") && !key.equals("synchronous_commit")) {
                throw Errors.of("unknown connection property \"" + key + "\"", Errors.CANNOT_CONNECT);
            }
        }
        DatabaseRegistry.Handle handle;
        try {
            if (rest.startsWith(MEM)) {
                String name = rest.substring(MEM.length());
                handle = REGISTRY.acquire(name.isEmpty() ? null : "mem:" + name, Lode::openInMemory);
            } else {
                if (rest.isEmpty()) {
                    throw Errors.of("the URL names no database directory: " + url, Errors.CANNOT_CONNECT);
                }
                Path dir = Path.of(rest).toAbsolutePath().normalize();
                handle = REGISTRY.acquire("file:" + dir, () -> Lode.open(dir));
            }
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Errors.of("cannot open database " + url + ": " + e.getMessage(), Errors.CANNOT_CONNECT, e);
        }
        LodeConnection c = new LodeConnection(handle, url);
        String sync = settings.getProperty("synchronous_commit");
        if (sync != null) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET synchronous_commit = '" + sync.replace("'", "''") + "'");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** @return whether {@code url} starts with {@code jdbc:lode:} */
    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** @return the properties a connection takes: {@code synchronous_commit}, and {@code user} and {@code password} (unused) */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        Properties p = info == null ? new Properties() : info;
        DriverPropertyInfo user = new DriverPropertyInfo("user", p.getProperty("user"));
        user.description = "accepted and ignored: LodeDB has no users yet";
        DriverPropertyInfo password = new DriverPropertyInfo("password", p.getProperty("password"));
        password.description = "accepted and ignored: LodeDB has no users yet";
        DriverPropertyInfo sync = new DriverPropertyInfo("synchronous_commit", p.getProperty("synchronous_commit", "on"));
        sync.description = "on: a commit returns when its log record is on disk; off: when the operating system has it";
        sync.choices = new String[] {"on", "off"};
        return new DriverPropertyInfo[] {user, password, sync};
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** @return false: the driver does not pass the JDBC compliance tests (no transactions yet, among others) */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Errors.notSupported("getParentLogger");
    }

    /** @return the number of open connections to the database of a file path (for tests) */
    static int connectionsTo(Path dir) {
        return REGISTRY.references("file:" + dir.toAbsolutePath().normalize());
    }

    /** @return the number of open connections to a named in-memory database (for tests) */
    static int connectionsToMemory(String name) {
        return REGISTRY.references("mem:" + name);
    }
}
