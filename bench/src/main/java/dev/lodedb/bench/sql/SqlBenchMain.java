package dev.lodedb.bench.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of the SQL benchmarks: {@code java -jar lode-bench.jar sql --workload NAME ...}
 * (what {@code ./bench.sh sql} runs). LodeDB and the peers SQLite, H2 and DuckDB are all reached
 * through JDBC by URL ({@link JdbcEngine}), one after the other on the same data in one process.
 * Each workload prints per-engine lines and ends with one line per peer:
 * <pre>RESULT workload=NAME metric=seconds|ops_per_s lode=N peer=NAME value=N ratio=R</pre>
 * (oltp: one per phase, client count and peer, with {@code phase=P threads=N} after the metric;
 * {@link ResultLine}: ratio above 1 means LodeDB did better). The exit status is 1 if an engine
 * could not run a workload at all (e.g. no JDBC driver for {@code jdbc:lode:} yet), 2 on a bad
 * command line, else 0 (a TPC-H query that fails is reported, and its engine's total is
 * {@code nan}, but is not an exit failure; an oltp phase that fails, or a failed consistency
 * check, is).
 */
public final class SqlBenchMain {
    private SqlBenchMain() {
    }

    /**
     * Runs the workloads the options name.
     *
     * @param args the options of {@link SqlBenchOptions#USAGE} (without the leading {@code sql})
     */
    public static void main(String[] args) {
        SqlBenchOptions o;
        try {
            o = SqlBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(SqlBenchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        System.exit(run(o) ? 0 : 1);
    }

    /** @return whether every engine ran every workload (queries may still have failed) */
    static boolean run(SqlBenchOptions o) {
        System.out.println("# lode-bench sql: " + o.summary());
        for (JdbcEngine e : o.engines) {
            if (!e.driverAvailable()) {
                System.out.println("# " + e.label() + ": no JDBC driver for " + e.memUrl("x").replaceAll("mem:x$", "")
                        + " on the class path" + (e.isLode() ? " (LodeDB's driver has not landed yet); it will be reported as failed" : ""));
            }
        }
        boolean temp = o.dataDir == null;
        Path dataDir;
        try {
            dataDir = temp ? Files.createTempDirectory("lode-bench-sql-") : o.dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean ok = true;
        try {
            for (String w : o.workloads) {
                System.out.println();
                System.out.println("== " + describe(w, o));
                if (w.startsWith("import-")) {
                    Map<String, Double> seconds = ImportWorkload.run(w, o, dataDir);
                    ok &= seconds.keySet().containsAll(o.importEngines);
                    System.out.println();
                    for (String e : o.importEngines) {
                        if (!e.equals("lode")) {
                            System.out.println(ResultLine.format(w, ResultLine.Metric.SECONDS, seconds.get("lode"), e, seconds.get(e)));
                        }
                    }
                    System.out.flush();
                    continue;
                }
                if (w.equals("oltp")) {
                    OltpWorkload.Results r = OltpWorkload.run(o, dataDir);
                    ok &= r.complete();
                    r.tables().forEach(System.out::println);
                    System.out.println();
                    r.resultLines().forEach(System.out::println);
                    System.out.flush();
                    continue;
                }
                Map<JdbcEngine, Double> values = switch (w) {
                    case "bulk-insert" -> BulkInsertWorkload.run(o, dataDir);
                    case "point-select" -> PointSelectWorkload.run(o, dataDir);
                    case "tpch" -> TpchWorkload.run(o, dataDir);
                    default -> throw new IllegalStateException(w);
                };
                ok &= values.keySet().containsAll(o.engines);
                System.out.println();
                for (String line : ResultLine.lines(w, metric(w), o.engines, values)) {
                    System.out.println(line);
                }
                System.out.flush();
            }
        } finally {
            if (temp && !o.keep) {
                SqlBench.deleteRecursively(dataDir);
            } else {
                System.out.println("# databases kept under " + dataDir);
            }
        }
        return ok;
    }

    /** @return the metric of workload {@code w} */
    static ResultLine.Metric metric(String w) {
        return w.equals("point-select") ? ResultLine.Metric.OPS_PER_S : ResultLine.Metric.SECONDS;
    }

    private static String describe(String w, SqlBenchOptions o) {
        return switch (w) {
            case "bulk-insert" -> String.format(java.util.Locale.ROOT,
                    "bulk-insert: %,d rows (%s) in batches of %d, commit per batch; metric seconds (lower is better); warm-up %,d rows",
                    o.rows, BulkInsertWorkload.DDL, o.batch, o.warmup);
            case "point-select" -> String.format(java.util.Locale.ROOT,
                    "point-select: %,d rows, %,d lookups '%s' on %d thread(s) after %,d unmeasured; metric ops_per_s (higher is better)",
                    o.rows, o.ops, PointSelectWorkload.SELECT, o.threads, o.warmup);
            case "tpch" -> "tpch: sf=" + SqlBenchOptions.sfText(o.sf) + ", queries " + (o.queries.equals(TpchQueries.ALL) ? "1-22"
                    : o.queries) + (o.tpchWarmup ? ", each run once unmeasured first" : ", no warm-up")
                    + (o.queryTimeoutSeconds > 0 ? ", timeout " + o.queryTimeoutSeconds + " s per statement" : "")
                    + "; metric seconds = sum of the query times (lower is better)";
            case "import-json" -> "import-json: " + ImportWorkload.CITIES + " (" + ImportWorkload.CITIES_ROWS
                    + " documents) into a new table; engines " + o.importEngines + "; metric seconds (lower is better)";
            case "import-csv" -> "import-csv: TPC-H lineitem sf=" + SqlBenchOptions.sfText(o.csvSf)
                    + " as CSV with a header into the TPC-H lineitem table; engines " + o.importEngines
                    + "; metric seconds (lower is better)";
            case "oltp" -> OltpWorkload.describe(o);
            default -> w;
        };
    }
}
