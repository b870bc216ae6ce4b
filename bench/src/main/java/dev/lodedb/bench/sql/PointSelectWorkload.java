package dev.lodedb.bench.sql;

import dev.lodedb.bench.PhaseResult;
import dev.lodedb.bench.Runner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code point-select} workload: loads {@code --rows} rows with {@link BulkInsertWorkload}
 * (not measured; DuckDB through its appender unless {@code --load jdbc}), then {@code --threads} threads, each with its own connection and
 * {@code PreparedStatement}, run {@code SELECT c FROM sbtest WHERE id = ?} with uniformly random
 * ids in {@code 1..rows} (seeded per thread): first {@code --warmup} lookups over all threads
 * (not measured), then {@code --ops} measured ones. Each lookup reads its row's {@code c}.
 * Metric: operations per second over the measured phase's wall time, higher is better.
 */
public final class PointSelectWorkload {
    /** The lookup every engine runs. */
    public static final String SELECT = "SELECT c FROM sbtest WHERE id = ?";

    private PointSelectWorkload() {
    }

    /**
     * Runs {@code ops} lookups on the given statements, one thread per statement.
     *
     * @param rows ids are drawn uniformly from {@code 1..rows}
     * @return the phase's throughput and latency; its note counts the lookups that found a row
     */
    static PhaseResult lookups(String phase, List<PreparedStatement> statements, long rows, long ops, long seed) {
        return Runner.run(phase, statements.size(), ops, seed, (thread, op, rnd, tally) -> {
            PreparedStatement ps = statements.get(thread);
            ps.setLong(1, 1 + rnd.nextLong(rows));
            try (ResultSet r = ps.executeQuery()) {
                tally.reads.increment();
                if (r.next() && r.getString(1) != null) {
                    tally.found.increment();
                }
            }
        });
    }

    /**
     * Runs the workload on every engine, each on a fresh file-backed database.
     *
     * @return measured ops/s per engine that completed (failed engines are printed, absent)
     */
    static Map<JdbcEngine, Double> run(SqlBenchOptions o, Path dataDir) {
        Map<JdbcEngine, Double> out = new LinkedHashMap<>();
        for (JdbcEngine e : o.engines) {
            Path dir = null;
            List<Connection> connections = new ArrayList<>();
            try {
                dir = SqlBench.freshDir(dataDir, "point-select-" + e.label());
                String url = e.fileUrl(dir);
                try (Connection c = e.connect(url)) {
                    SqlBench.print(e, url + " | " + e.settings(c));
                    BulkInsertWorkload.Load l = o.nativeLoad && e == JdbcEngine.DUCKDB
                            ? BulkInsertWorkload.loadDuckDbAppender(c, o.rows, o.seed)
                            : BulkInsertWorkload.load(c, o.rows, o.batch, o.seed);
                    SqlBench.print(e, l.describe("load (not measured)"));
                }
                List<PreparedStatement> statements = new ArrayList<>();
                for (int t = 0; t < o.threads; t++) {
                    Connection c = e.connect(url);
                    connections.add(c);
                    statements.add(c.prepareStatement(SELECT));
                }
                if (o.warmup > 0) {
                    PhaseResult w = lookups("warmup", statements, o.rows, o.warmup, o.seed + 1000);
                    SqlBench.print(e, w.describe() + " (not measured)");
                }
                PhaseResult r = lookups("run", statements, o.rows, o.ops, o.seed);
                SqlBench.print(e, r.describe() + " | threads " + o.threads);
                if (!r.note().startsWith(String.format(Locale.ROOT, "found %,d ", r.ops()))) {
                    throw new IllegalStateException("lookups missed rows: " + r.note());
                }
                out.put(e, r.opsPerSecond());
            } catch (SQLException | RuntimeException | LinkageError failure) {
                SqlBench.failed(e, failure);
            } finally {
                for (Connection c : connections) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // closing after a failure; the failure is what gets reported
                    }
                }
                if (!o.keep) {
                    SqlBench.deleteRecursively(dir);
                }
            }
        }
        return out;
    }
}
