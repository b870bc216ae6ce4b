package dev.lodedb.bench.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code bulk-insert} workload, and the loader {@code point-select} reuses: a sysbench-like
 * table ({@link #DDL}) filled with {@code --rows} rows in primary-key order through one
 * {@code PreparedStatement} with {@code addBatch}/{@code executeBatch} in batches of
 * {@code --batch} rows, each batch its own transaction (auto-commit off, commit per batch) where
 * the engine supports it. Every engine gets a fresh file-backed database and exactly the same
 * rows (seeded). Metric: seconds, lower is better.
 */
public final class BulkInsertWorkload {
    /** The table: the same text on every engine. */
    public static final String DDL =
            "CREATE TABLE sbtest (id BIGINT PRIMARY KEY, k INTEGER NOT NULL, c VARCHAR(120) NOT NULL, pad VARCHAR(60) NOT NULL)";
    /** The insert every engine runs. */
    public static final String INSERT = "INSERT INTO sbtest (id, k, c, pad) VALUES (?, ?, ?, ?)";

    private BulkInsertWorkload() {
    }

    /**
     * What a load did.
     *
     * @param rows rows inserted
     * @param nanos wall time of the load
     * @param autoCommitNote null when each batch was its own transaction, else why not (or the
     *     bulk path used)
     */
    public record Load(long rows, long nanos, String autoCommitNote) {
        /** @return rows per second over the load */
        public double rowsPerSecond() {
            return nanos <= 0 ? 0 : rows * 1e9 / nanos;
        }

        /** @return one report line */
        public String describe(String what) {
            return String.format(Locale.ROOT, "%s %,d rows in %.3f s = %,.0f rows/s (%s)", what, rows, SqlBench.seconds(nanos),
                    rowsPerSecond(), autoCommitNote == null ? "one transaction per batch"
                            : autoCommitNote.startsWith("DuckDB") ? autoCommitNote : "auto-commit: " + autoCommitNote);
        }
    }

    /**
     * Creates {@code sbtest} and inserts rows with ids {@code 1..rows}. The timed span is the
     * CREATE TABLE plus every batch and commit.
     *
     * @param rows rows to insert
     * @param batch rows per {@code executeBatch} and per commit
     * @param seed seed of the column values (the same rows on every engine for one seed)
     */
    public static Load load(Connection c, long rows, int batch, long seed) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) { // in auto-commit mode: LodeDB runs DDL outside transaction blocks
            s.execute(DDL);
        }
        String note = SqlBench.tryManualCommit(c);
        SplittableRandom rnd = new SplittableRandom(seed);
        char[] cbuf = new char[119];
        char[] pbuf = new char[59];
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int pending = 0;
            for (long id = 1; id <= rows; id++) {
                ps.setLong(1, id);
                ps.setInt(2, rnd.nextInt(Math.max(1, (int) Math.min(rows, Integer.MAX_VALUE))) + 1);
                ps.setString(3, sysbenchString(rnd, cbuf));
                ps.setString(4, sysbenchString(rnd, pbuf));
                ps.addBatch();
                if (++pending == batch || id == rows) {
                    ps.executeBatch();
                    SqlBench.commitIfManual(c);
                    pending = 0;
                }
            }
        }
        return new Load(rows, System.nanoTime() - t0, note);
    }

    /**
     * Creates {@code sbtest} and fills it with the same rows as {@link #load} through DuckDB's
     * appender (its bulk path): used for point-select's unmeasured load, where DuckDB's JDBC
     * batches (executed row by row, about 8,000 rows/s) would only cost time.
     */
    public static Load loadDuckDbAppender(Connection c, long rows, long seed) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        char[] cbuf = new char[119];
        char[] pbuf = new char[59];
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "sbtest")) {
            for (long id = 1; id <= rows; id++) {
                a.beginRow();
                a.append(id);
                a.append(rnd.nextInt(Math.max(1, (int) Math.min(rows, Integer.MAX_VALUE))) + 1);
                a.append(sysbenchString(rnd, cbuf));
                a.append(sysbenchString(rnd, pbuf));
                a.endRow();
            }
            a.flush();
        }
        return new Load(rows, System.nanoTime() - t0, "DuckDB appender");
    }

    /**
     * Fills {@code buf} like sysbench's {@code c} and {@code pad}: groups of 11 uniformly random
     * digits separated by '-' (the last group cut at the buffer's end). One bounded draw per group
     * (11 digits are below 10^11), not one per digit: the harness's own work is the same for every
     * engine, and per-digit draws were a third of the client thread's time, which pulled every
     * engine's ratio towards 1.
     */
    static String sysbenchString(SplittableRandom rnd, char[] buf) {
        for (int g = 0; g < buf.length; g += 12) {
            long digits = rnd.nextLong(100_000_000_000L);
            for (int i = Math.min(g + 10, buf.length - 1); i >= g; i--) {
                buf[i] = (char) ('0' + (int) (digits % 10));
                digits /= 10;
            }
            if (g + 11 < buf.length) {
                buf[g + 11] = '-';
            }
        }
        return new String(buf);
    }

    /**
     * Runs the workload on every engine: an unmeasured warm-up load of {@code --warmup} rows into
     * a throwaway database, then the measured load of {@code --rows} rows into a fresh one.
     *
     * @return measured seconds per engine that completed (failed engines are printed, absent)
     */
    static Map<JdbcEngine, Double> run(SqlBenchOptions o, Path dataDir) {
        Map<JdbcEngine, Double> out = new LinkedHashMap<>();
        for (JdbcEngine e : o.engines) {
            Path warmDir = null;
            Path dir = null;
            try {
                if (o.warmup > 0) {
                    warmDir = SqlBench.freshDir(dataDir, "bulk-insert-warmup-" + e.label());
                    try (Connection c = e.connect(e.fileUrl(warmDir))) {
                        Load w = load(c, o.warmup, o.batch, o.seed + 1);
                        SqlBench.print(e, w.describe("warm-up (not measured)"));
                    }
                    SqlBench.deleteRecursively(warmDir);
                    warmDir = null;
                }
                dir = SqlBench.freshDir(dataDir, "bulk-insert-" + e.label());
                String url = e.fileUrl(dir);
                try (Connection c = e.connect(url)) {
                    SqlBench.print(e, url + " | " + e.settings(c));
                    Load l = load(c, o.rows, o.batch, o.seed);
                    SqlBench.print(e, l.describe("insert"));
                    out.put(e, SqlBench.seconds(l.nanos()));
                }
            } catch (SQLException | RuntimeException | LinkageError failure) {
                SqlBench.failed(e, failure);
            } finally {
                SqlBench.deleteRecursively(warmDir);
                if (!o.keep) {
                    SqlBench.deleteRecursively(dir);
                }
            }
        }
        return out;
    }
}
