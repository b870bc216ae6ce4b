package dev.lodedb.bench.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code tpch} workload: for every engine, a fresh file-backed database is loaded with TPC-H
 * at {@code --sf} ({@link TpchLoader}), analyzed, and then each of the 22 queries
 * ({@link TpchQueries}) runs once unmeasured (unless {@code --no-warmup}) and once measured,
 * reading every value of every row. Metric: seconds, the sum of the measured times; an engine on
 * which any query fails or times out gets no total (NaN: "incomplete"), and the failures are
 * listed. Load times are reported but not part of the metric.
 */
public final class TpchWorkload {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tpch-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    private TpchWorkload() {
    }

    /**
     * One execution of a query.
     *
     * @param nanos wall time of its statements, results read
     * @param result the answer (the last statement's rows)
     */
    public record Execution(long nanos, ResultComparator.Actual result) {
    }

    /** A query that failed or was cancelled. */
    public static final class QueryFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        QueryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs TPC-H query {@code n}, adapted to {@code engine}, and reads its whole answer; then runs
     * its clean-up statements (untimed, errors ignored).
     *
     * @param timeoutSeconds cancel the query ({@link Statement#cancel}) after this many seconds; 0 = never
     * @throws QueryFailedException with the engine's error, or "timed out" when cancelled
     */
    public static Execution execute(Connection c, JdbcEngine engine, int n, long timeoutSeconds) throws QueryFailedException {
        List<String> statements = TpchQueries.statements(engine, n);
        long t0 = System.nanoTime();
        ResultComparator.Actual last = null;
        try {
            for (String sql : statements) {
                last = executeOne(c, sql, timeoutSeconds);
            }
            long nanos = System.nanoTime() - t0;
            if (last == null) {
                throw new QueryFailedException("Q" + n + " returned no result set", null);
            }
            return new Execution(nanos, last);
        } finally {
            for (String sql : TpchQueries.cleanup(n)) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                } catch (SQLException | RuntimeException ignored) {
                    // the view may not exist when the query failed early
                }
            }
        }
    }

    private static ResultComparator.Actual executeOne(Connection c, String sql, long timeoutSeconds) throws QueryFailedException {
        AtomicBoolean cancelled = new AtomicBoolean();
        try (Statement s = c.createStatement()) {
            ScheduledFuture<?> watchdog = timeoutSeconds <= 0 ? null : WATCHDOG.schedule(() -> {
                cancelled.set(true);
                try {
                    s.cancel();
                } catch (SQLException | RuntimeException ignored) {
                    // nothing more to do: the query runs on
                }
            }, timeoutSeconds, TimeUnit.SECONDS);
            try {
                if (!s.execute(sql)) {
                    return null;
                }
                try (ResultSet rs = s.getResultSet()) {
                    return ResultComparator.read(rs);
                }
            } finally {
                if (watchdog != null) {
                    watchdog.cancel(false);
                }
            }
        } catch (SQLException | RuntimeException e) {
            String msg = cancelled.get() ? "timed out after " + timeoutSeconds + " s (cancelled)" : firstLine(e);
            throw new QueryFailedException(msg, e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** Per-engine outcome, for the summary table. */
    private record EngineRun(double loadSeconds, Map<Integer, Double> seconds, Map<Integer, String> failures) {
    }

    /**
     * Runs the workload on every engine.
     *
     * @return per engine that could be loaded: the sum of the query seconds, or NaN if a query
     *     failed (engines that failed to open or load are printed and absent)
     */
    static Map<JdbcEngine, Double> run(SqlBenchOptions o, Path dataDir) {
        String sf = SqlBenchOptions.sfText(o.sf);
        long gen = TpchLoader.generateOnly(o.sf);
        System.out.printf(Locale.ROOT, "# TPC-H sf=%s: generating the data alone (io.trino.tpch, no engine) takes %.2f s;"
                + " every load below includes it%n", sf, SqlBench.seconds(gen));
        Map<JdbcEngine, Double> out = new LinkedHashMap<>();
        Map<JdbcEngine, EngineRun> runs = new LinkedHashMap<>();
        for (JdbcEngine e : o.engines) {
            Path dir = null;
            try {
                dir = SqlBench.freshDir(dataDir, "tpch-sf" + sf + "-" + e.label());
                String url = e.fileUrl(dir);
                try (Connection c = e.connect(url)) {
                    SqlBench.print(e, url + " | " + e.settings(c));
                    TpchLoader.Load load = TpchLoader.load(c, e, o.sf, o.batch, o.nativeLoad);
                    SqlBench.print(e, load.describe());
                    long t0 = System.nanoTime();
                    String analyzeError = TpchLoader.analyze(c);
                    double analyzeSeconds = SqlBench.seconds(System.nanoTime() - t0);
                    SqlBench.print(e, analyzeError == null ? String.format(Locale.ROOT, "ANALYZE %.3f s", analyzeSeconds)
                            : "ANALYZE failed (going on without): " + analyzeError);
                    EngineRun run = queries(c, e, o);
                    runs.put(e, new EngineRun(SqlBench.seconds(load.nanos()), run.seconds(), run.failures()));
                    double total = run.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
                    if (run.failures().isEmpty()) {
                        SqlBench.print(e, String.format(Locale.ROOT, "total %.3f s over %d queries", total, run.seconds().size()));
                        out.put(e, total);
                    } else {
                        SqlBench.print(e, String.format(Locale.ROOT, "total INCOMPLETE: %d of %d queries failed (Q%s); the others took %.3f s",
                                run.failures().size(), o.queries.size(), joinKeys(run.failures()), total));
                        out.put(e, Double.NaN);
                    }
                }
            } catch (SQLException | RuntimeException | LinkageError failure) {
                SqlBench.failed(e, failure);
            } finally {
                if (!o.keep) {
                    SqlBench.deleteRecursively(dir);
                }
            }
        }
        printSummary(o, runs);
        return out;
    }

    private static EngineRun queries(Connection c, JdbcEngine e, SqlBenchOptions o) {
        Map<Integer, Double> seconds = new LinkedHashMap<>();
        Map<Integer, String> failures = new LinkedHashMap<>();
        for (int q : o.queries) {
            try {
                if (o.tpchWarmup) {
                    try {
                        execute(c, e, q, o.queryTimeoutSeconds);
                    } catch (QueryFailedException warm) {
                        throw new QueryFailedException("(in the unmeasured run) " + warm.getMessage(), warm.getCause());
                    }
                }
                Execution x = execute(c, e, q, o.queryTimeoutSeconds);
                seconds.put(q, SqlBench.seconds(x.nanos()));
                SqlBench.print(e, String.format(Locale.ROOT, "Q%-2d %9.3f s  (%,d rows)", q, SqlBench.seconds(x.nanos()),
                        x.result().rows().size()));
            } catch (QueryFailedException f) {
                failures.put(q, f.getMessage());
                SqlBench.print(e, String.format(Locale.ROOT, "Q%-2d FAILED: %s", q, f.getMessage()));
            }
        }
        return new EngineRun(0, seconds, failures);
    }

    private static String joinKeys(Map<Integer, String> m) {
        List<String> s = new ArrayList<>();
        m.keySet().forEach(k -> s.add(Integer.toString(k)));
        return String.join(",Q", s);
    }

    private static void printSummary(SqlBenchOptions o, Map<JdbcEngine, EngineRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        System.out.println();
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-6s", "query"));
        runs.keySet().forEach(e -> h.append(String.format(Locale.ROOT, " %10s", e.label())));
        System.out.println(h + "   (seconds; TPC-H sf=" + SqlBenchOptions.sfText(o.sf) + ")");
        StringBuilder load = new StringBuilder(String.format(Locale.ROOT, "%-6s", "load"));
        runs.values().forEach(r -> load.append(String.format(Locale.ROOT, " %10.2f", r.loadSeconds())));
        System.out.println(load);
        for (int q : o.queries) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6s", "Q" + q));
            runs.values().forEach(r -> row.append(r.failures().containsKey(q) ? String.format(Locale.ROOT, " %10s", "failed")
                    : String.format(Locale.ROOT, " %10.3f", r.seconds().get(q))));
            System.out.println(row);
        }
        StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "%-6s", "total"));
        runs.values().forEach(r -> total.append(r.failures().isEmpty()
                ? String.format(Locale.ROOT, " %10.3f", r.seconds().values().stream().mapToDouble(Double::doubleValue).sum())
                : String.format(Locale.ROOT, " %10s", "incomplete")));
        System.out.println(total);
    }
}
