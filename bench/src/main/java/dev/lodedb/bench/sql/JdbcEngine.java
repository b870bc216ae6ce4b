package dev.lodedb.bench.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SQL engine the benchmark reaches through JDBC, by URL only: LodeDB ({@code jdbc:lode:}, its
 * driver registered by module {@code lode} through {@link java.util.ServiceLoader}) and the peers
 * SQLite, H2 and DuckDB. Everything engine-specific the harness does lives here: the URL of a
 * file-backed or in-memory database, the session settings applied on connect (printed by
 * {@link #settings}), and how a date parameter is bound. Dialect adaptations of the TPC-H query
 * texts are in {@link TpchQueries}; the DDL used by the workloads is the same text on every engine.
 */
public enum JdbcEngine {
    /** LodeDB's SQL engine: {@code jdbc:lode:<dir>} or {@code jdbc:lode:mem:<name>}; engine defaults. */
    LODE("lode", "jdbc:lode:"),
    /**
     * SQLite (xerial sqlite-jdbc): one file, {@code journal_mode=WAL}, {@code synchronous=NORMAL}
     * (commits are not fsynced, the WAL is at checkpoints), {@code case_sensitive_like=ON} (SQL's
     * LIKE is case-sensitive; TPC-H Q16's {@code '%Customer%Complaints%'} depends on it).
     */
    SQLITE("sqlite", "jdbc:sqlite:"),
    /**
     * H2 2.x embedded: a file database (MVStore) with its defaults, except PostgreSQL
     * compatibility mode, results of repeated queries not reused and {@code VALUE} not a keyword
     * ({@link #H2_SETTINGS}).
     */
    H2("h2", "jdbc:h2:"),
    /** DuckDB: a file database with its defaults (threads = cores, memory limit 80% of RAM). */
    DUCKDB("duckdb", "jdbc:duckdb:");

    /**
     * H2 settings in every H2 URL: {@code MODE=PostgreSQL} (H2's compatibility mode for the
     * dialect the queries are written in; in its default mode H2 2.5 drops {@code CHAR(n)} rows
     * from a multi-value {@code IN} list of text literals: TPC-H Q12 and Q19 return nothing),
     * {@code OPTIMIZE_REUSE_RESULTS=FALSE} (H2 otherwise returns the cached result of a repeated
     * query on unchanged tables, so a measured run after the warm-up would take no time) and
     * {@code NON_KEYWORDS=VALUE} (TPC-H Q11 names a column {@code value}).
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;OPTIMIZE_REUSE_RESULTS=FALSE;NON_KEYWORDS=VALUE";

    private final String label;
    private final String urlPrefix;

    JdbcEngine(String label, String urlPrefix) {
        this.label = label;
        this.urlPrefix = urlPrefix;
    }

    /** @return the short name used on the command line and in RESULT lines */
    public String label() {
        return label;
    }

    /** @return whether this is LodeDB (the engine every ratio is relative to) */
    public boolean isLode() {
        return this == LODE;
    }

    /** Connection settings appended to LodeDB's file URLs ({@code --lode-settings}); empty: defaults. */
    private static volatile String lodeSettings = "";

    /** Sets the connection settings of LodeDB's file URLs, e.g. {@code synchronous_commit=off}. */
    static void setLodeSettings(String settings) {
        lodeSettings = settings == null ? "" : settings;
    }

    /**
     * @param dir an empty directory that holds this engine's database files
     * @return the JDBC URL of a durable, file-backed database in {@code dir}
     */
    public String fileUrl(Path dir) {
        String d = dir.toAbsolutePath().toString();
        return switch (this) {
            case LODE -> "jdbc:lode:" + d + (lodeSettings.isEmpty() ? "" : "?" + lodeSettings);
            case SQLITE -> "jdbc:sqlite:" + d + "/bench.sqlite";
            case H2 -> "jdbc:h2:file:" + d + "/bench" + H2_SETTINGS;
            case DUCKDB -> "jdbc:duckdb:" + d + "/bench.duckdb";
        };
    }

    /**
     * @param name a name unique within the process
     * @return the JDBC URL of a private in-memory database (for tests); a URL of SQLite's or
     *     DuckDB's is private to the one connection that opens it
     */
    public String memUrl(String name) {
        return switch (this) {
            case LODE -> "jdbc:lode:mem:" + name;
            case SQLITE -> "jdbc:sqlite::memory:";
            case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS;
            case DUCKDB -> "jdbc:duckdb:";
        };
    }

    /**
     * @return the engine whose URLs start like {@code url}
     * @throws IllegalArgumentException for any other URL
     */
    public static JdbcEngine forUrl(String url) {
        for (JdbcEngine e : values()) {
            if (url.startsWith(e.urlPrefix)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no engine for URL " + url);
    }

    /**
     * @return the engine named {@code label} (case-insensitive)
     * @throws IllegalArgumentException for an unknown name
     */
    public static JdbcEngine parse(String label) {
        for (JdbcEngine e : values()) {
            if (e.label.equalsIgnoreCase(label.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + label + "' (lode, sqlite, h2, duckdb)");
    }

    /**
     * Parses a comma-separated list of engine names, keeping the order and dropping duplicates.
     *
     * @throws IllegalArgumentException for an unknown name or an empty list
     */
    public static List<JdbcEngine> parseList(String csv) {
        List<JdbcEngine> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                JdbcEngine e = parse(s);
                if (!out.contains(e)) {
                    out.add(e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no engine given");
        }
        return out;
    }

    /**
     * @return whether {@link DriverManager} has a driver for this engine's URLs (for LodeDB: whether
     *     module {@code lode} registers its JDBC driver yet)
     */
    public boolean driverAvailable() {
        try {
            DriverManager.getDriver(memUrl("probe"));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Opens a connection and applies this engine's session settings (see {@link #settings}).
     *
     * @throws SQLException if there is no driver for the URL or the database cannot be opened
     */
    public Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            for (String sql : sessionSettings(url)) {
                s.execute(sql);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private List<String> sessionSettings(String url) {
        if (this != SQLITE) {
            return List.of();
        }
        if (url.contains(":memory:")) {
            return List.of("PRAGMA case_sensitive_like = ON");
        }
        // busy_timeout: a reader connection may briefly meet the WAL write lock of a checkpoint.
        return List.of("PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA case_sensitive_like = ON",
                "PRAGMA busy_timeout = 10000");
    }

    /**
     * @param c an open connection of this engine
     * @return a one-line description of the engine version and the durability and execution
     *     settings in force, for the report
     */
    public String settings(Connection c) {
        StringBuilder sb = new StringBuilder();
        try {
            DatabaseMetaData md = c.getMetaData();
            sb.append(md.getDatabaseProductName()).append(' ').append(md.getDatabaseProductVersion());
        } catch (SQLException | RuntimeException e) {
            sb.append(label).append(" (version unknown)");
        }
        switch (this) {
            case LODE -> sb.append(lodeSettings.isEmpty()
                    ? "; engine defaults (synchronous_commit=on: every commit fsynced)"
                    : "; " + lodeSettings + (lodeSettings.contains("synchronous_commit=off")
                            ? " (commits written to the OS, not fsynced: the durability class of SQLite's WAL+NORMAL)" : ""));
            case SQLITE -> {
                String sync = syncName(query(c, "PRAGMA synchronous"));
                sb.append("; journal_mode=").append(query(c, "PRAGMA journal_mode")).append(" synchronous=").append(sync)
                        .append(" case_sensitive_like=ON busy_timeout=").append(query(c, "PRAGMA busy_timeout"))
                        .append(sync.equals("FULL") || sync.equals("EXTRA") ? " (the WAL fsynced at every commit)"
                                : " (commits not fsynced; the WAL is synced at checkpoints)");
            }
            case H2 -> sb.append("; file database (MVStore), MODE=PostgreSQL OPTIMIZE_REUSE_RESULTS=FALSE NON_KEYWORDS=VALUE, defaults: WRITE_DELAY=")
                    .append(query(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
                    .append(" ms (commits reach the file within it, no fsync per commit)");
            case DUCKDB -> sb.append("; file database, defaults: threads=").append(query(c, "SELECT current_setting('threads')"))
                    .append(" memory_limit=").append(query(c, "SELECT current_setting('memory_limit')"))
                    .append(" (write-ahead log, checkpointed at ")
                    .append(query(c, "SELECT current_setting('checkpoint_threshold')")).append(')');
        }
        return sb.toString();
    }

    private static String syncName(String v) {
        return switch (v) {
            case "0" -> "OFF";
            case "1" -> "NORMAL";
            case "2" -> "FULL";
            case "3" -> "EXTRA";
            default -> v;
        };
    }

    private static String query(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? String.valueOf(r.getObject(1)) : "?";
        } catch (SQLException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Binds a date parameter: SQLite has no date type, so dates are stored as ISO-8601 text
     * ({@code YYYY-MM-DD}, which sorts and compares as dates do, and is what SQLite's date
     * functions read); every other engine gets a JDBC 4.2 {@link LocalDate}.
     */
    public void bindDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (this == SQLITE) {
            ps.setString(index, date.toString());
        } else {
            ps.setObject(index, date);
        }
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
