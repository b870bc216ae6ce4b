package dev.lodedb.bench.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the SQL benchmarks ({@code ./bench.sh sql ...}), parsed. Immutable after
 * {@link #parse}.
 */
public final class SqlBenchOptions {
    /** The workloads, in the order {@code --workload all} runs them. */
    public static final List<String> WORKLOADS = List.of("bulk-insert", "point-select", "tpch", "import-json", "import-csv", "oltp");

    /** Usage text, printed by {@code --help} and on errors. */
    public static final String USAGE = String.join("\n",
            "usage: bench.sh sql --workload <bulk-insert|point-select|tpch|import-json|import-csv|oltp>[,...] [options]",
            "",
            "workloads:",
            "  bulk-insert   insert --rows rows into a fresh table through a batched PreparedStatement",
            "                (batches of --batch, one transaction per batch); metric: seconds",
            "  point-select  load --rows rows, then --ops random primary-key lookups on --threads",
            "                connections; metric: ops_per_s",
            "  tpch          generate TPC-H at --sf, load the 8 tables, run the 22 queries (each once",
            "                unmeasured first); metric: seconds, the sum of the 22",
            "  import-json   import examples/cities/cities.json.gz (135,233 documents) into a table;",
            "                metric: seconds",
            "  import-csv    import TPC-H lineitem at --csv-sf as CSV (generated once, untimed); metric: seconds",
            "  oltp          pgbench's tables at --scale, then four phases on each of --threads LIST client",
            "                counts: select (point select by a secondary index), insert (autocommit into",
            "                pgbench_history), update (autocommit, by primary key), tpcb (pgbench's TPC-B-like",
            "                transaction, retried on serialization, deadlock and busy errors); metric: ops_per_s",
            "                per phase and thread count; default engines lode,sqlite,h2",
            "",
            "options:",
            "  --engines LIST      engines, in order (default lode,sqlite,h2,duckdb; import workloads:",
            "                      lode,duckdb,sqlite,postgres, where sqlite is the sqlite3 shell and postgres",
            "                      a private local PostgreSQL server; h2 has no import path and is skipped)",
            "  --csv-sf N          scale factor of import-csv's lineitem file (default 1.7: about 10.2M rows)",
            "  --rows N            rows of bulk-insert and point-select (default 1,000,000)",
            "  --batch N           rows per executeBatch and per transaction (default 1000)",
            "  --ops N             measured point-select lookups over all threads (default 200,000); oltp:",
            "                      operations per thread per phase instead of --duration",
            "  --threads T         point-select client threads, one connection each (default 1); oltp: a",
            "                      list of client counts, each phase run once per count (default 1,2,8)",
            "  --scale N           oltp: pgbench scale, N branches, 10N tellers, 100,000N accounts (default 1)",
            "  --duration S        oltp: seconds each phase runs per thread count (default 5)",
            "  --sqlite-synchronous MODE  oltp: SQLite's synchronous pragma, FULL (the WAL fsynced at every",
            "                      commit, as LodeDB's synchronous_commit=on) or NORMAL (default FULL)",
            "  --warmup N          unmeasured warm-up: bulk-insert rows into a throwaway database per engine,",
            "                      point-select lookups before the measured ones (default 50,000; 0 = none)",
            "  --sf N              TPC-H scale factor (default 1; e.g. 0.01, 0.1)",
            "  --queries LIST      TPC-H queries to run, e.g. 1,3,6 (default all 22)",
            "  --no-warmup         no warm-up at all (tpch: no unmeasured run of each query first)",
            "  --query-timeout S   cancel a TPC-H query after S seconds and report it failed (default 900, 0 = none)",
            "  --load MODE         tpch load and point-select's unmeasured load: native (DuckDB through its",
            "                      appender, the others through JDBC batches) or jdbc (every engine through",
            "                      JDBC batches) (default native; bulk-insert always uses JDBC batches)",
            "  --data-dir DIR      parent of the fresh database directories (default: a new temporary directory)",
            "  --keep              keep the database directories afterwards",
            "  --lode-settings S   LodeDB connection settings for its URL, e.g. synchronous_commit=off",
            "  --seed N            seed of generated rows and lookups (default 42)");

    /** Workloads, in the order given. */
    public final List<String> workloads;
    /** Engines to run, in order. */
    public final List<JdbcEngine> engines;
    /** Engines of the import workloads, by label, in order. */
    public final List<String> importEngines;
    /** Scale factor of import-csv's lineitem file. */
    public final double csvSf;
    /** Rows of bulk-insert and point-select. */
    public final long rows;
    /** Rows per {@code executeBatch} and per transaction. */
    public final int batch;
    /** Measured point-select lookups over all threads. */
    public final long ops;
    /** Point-select client threads. */
    public final int threads;
    /** Warm-up rows (bulk-insert) or lookups (point-select); 0 = none. */
    public final long warmup;
    /** Whether TPC-H runs each query once unmeasured first. */
    public final boolean tpchWarmup;
    /** TPC-H scale factor. */
    public final double sf;
    /** TPC-H query numbers (1-22) to run. */
    public final List<Integer> queries;
    /** TPC-H query timeout in seconds, 0 = none. */
    public final long queryTimeoutSeconds;
    /** Whether DuckDB loads TPC-H through its appender (else JDBC batches like the others). */
    public final boolean nativeLoad;
    /** Parent of the database directories, or null for a new temporary directory. */
    public final Path dataDir;
    /** Keep the database directories. */
    public final boolean keep;
    /** Seed of the random sources. */
    public final long seed;
    /** Engines of the oltp workload: {@link #engines} if given, else LodeDB, SQLite and H2. */
    public final List<JdbcEngine> oltpEngines;
    /** Client counts of the oltp workload, each phase run once per count. */
    public final List<Integer> oltpThreads;
    /** pgbench scale of the oltp workload. */
    public final int scale;
    /** Seconds each oltp phase runs per thread count (when {@link #oltpOps} is 0). */
    public final double oltpSeconds;
    /** Operations per thread per oltp phase, or 0 to run each phase for {@link #oltpSeconds}. */
    public final long oltpOps;
    /** SQLite's {@code synchronous} pragma in the oltp workload. */
    public final String sqliteSynchronous;

    private SqlBenchOptions(Builder b) {
        workloads = List.copyOf(b.workloads);
        engines = List.copyOf(b.engines);
        importEngines = List.copyOf(b.importEngines);
        csvSf = b.csvSf;
        rows = b.rows;
        batch = b.batch;
        ops = b.ops;
        warmup = b.noWarmup ? 0 : b.warmup;
        tpchWarmup = !b.noWarmup;
        sf = b.sf;
        queries = List.copyOf(b.queries);
        queryTimeoutSeconds = b.queryTimeout;
        nativeLoad = b.nativeLoad;
        dataDir = b.dataDir;
        keep = b.keep;
        seed = b.seed;
        oltpEngines = b.enginesGiven ? engines : engines.stream().filter(e -> e != JdbcEngine.DUCKDB).toList();
        oltpThreads = b.threadList == null ? List.of(1, 2, 8) : List.copyOf(b.threadList);
        threads = b.threadList == null ? 1 : b.threadList.get(0);
        scale = b.scale;
        oltpSeconds = b.duration;
        oltpOps = b.opsGiven ? b.ops : 0;
        sqliteSynchronous = b.sqliteSynchronous;
    }

    /** @return a one-line summary of the settings, for the report */
    public String summary() {
        return String.format(Locale.ROOT, "workloads=%s engines=%s rows=%,d batch=%d ops=%,d threads=%d warmup=%,d sf=%s seed=%d",
                String.join(",", workloads), engines, rows, batch, ops, threads, warmup, sfText(sf), seed)
                + (workloads.contains("oltp") ? String.format(Locale.ROOT, " | oltp: engines=%s threads=%s scale=%d %s sqlite-synchronous=%s",
                        oltpEngines, oltpThreads, scale, oltpOps > 0 ? "ops/thread=" + oltpOps : "duration=" + oltpSeconds + "s",
                        sqliteSynchronous) : "");
    }

    /** @return the scale factor without a trailing ".0" (1, 0.1, 0.01) */
    public static String sfText(double sf) {
        return sf == Math.rint(sf) ? Long.toString((long) sf) : Double.toString(sf);
    }

    /**
     * Parses the arguments after {@code sql}.
     *
     * @throws IllegalArgumentException with a message for the user on a bad argument; with an
     *     empty message for {@code --help}
     */
    public static SqlBenchOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--keep" -> b.keep = true;
                case "--no-warmup" -> b.noWarmup = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value after " + a);
                        }
                        value = args[++i];
                    }
                    b.set(a, value);
                }
            }
        }
        if (b.workloads.isEmpty()) {
            throw new IllegalArgumentException("--workload is required (" + String.join(", ", WORKLOADS) + ")");
        }
        if (b.threadList != null && b.threadList.size() > 1 && b.workloads.contains("point-select")) {
            throw new IllegalArgumentException("point-select takes one --threads count, not a list");
        }
        if (b.engines.isEmpty() && b.workloads.stream().anyMatch(w -> !w.startsWith("import-"))) {
            throw new IllegalArgumentException("postgres only runs the import workloads; name a JDBC engine (lode, sqlite, h2, duckdb)");
        }
        return new SqlBenchOptions(b);
    }

    private static final class Builder {
        final List<String> workloads = new ArrayList<>();
        List<JdbcEngine> engines = JdbcEngine.parseList("lode,sqlite,h2,duckdb");
        List<String> importEngines = ImportWorkload.DEFAULT_ENGINES;
        double csvSf = 1.7;
        long rows = 1_000_000;
        int batch = 1000;
        long ops = 200_000;
        boolean opsGiven;
        boolean enginesGiven;
        List<Integer> threadList;
        int scale = 1;
        double duration = 5;
        String sqliteSynchronous = "FULL";
        long warmup = 50_000;
        boolean noWarmup;
        double sf = 1;
        List<Integer> queries = TpchQueries.ALL;
        long queryTimeout = 900;
        boolean nativeLoad = true;
        Path dataDir;
        boolean keep;
        long seed = 42;

        void set(String name, String v) {
            try {
                switch (name) {
                    case "--workload", "--workloads" -> {
                        for (String w : v.split(",")) {
                            String n = w.trim().toLowerCase(Locale.ROOT);
                            if (n.isEmpty()) {
                                continue;
                            }
                            if (n.equals("all")) {
                                workloads.addAll(WORKLOADS);
                            } else if (WORKLOADS.contains(n)) {
                                workloads.add(n);
                            } else {
                                throw new IllegalArgumentException("unknown workload '" + w.trim() + "' ("
                                        + String.join(", ", WORKLOADS) + ")");
                            }
                        }
                    }
                    case "--engines", "--engine" -> {
                        List<String> names = new ArrayList<>();
                        StringBuilder jdbc = new StringBuilder();
                        for (String e : v.split(",")) {
                            String n = e.trim().toLowerCase(Locale.ROOT);
                            if (n.isEmpty() || names.contains(n)) {
                                continue;
                            }
                            names.add(n);
                            if (!n.equals("postgres")) {
                                JdbcEngine.parse(n);
                                jdbc.append(jdbc.length() == 0 ? "" : ",").append(n);
                            }
                        }
                        engines = jdbc.length() == 0 ? List.of() : JdbcEngine.parseList(jdbc.toString());
                        enginesGiven = true;
                        importEngines = ImportWorkload.engines(names);
                    }
                    case "--csv-sf" -> {
                        csvSf = Double.parseDouble(v);
                        if (!(csvSf > 0) || Double.isInfinite(csvSf)) {
                            throw new IllegalArgumentException("--csv-sf must be positive: " + v);
                        }
                    }
                    case "--rows" -> rows = positive(name, parseCount(v));
                    case "--batch" -> batch = (int) positive(name, parseCount(v));
                    case "--ops" -> {
                        ops = positive(name, parseCount(v));
                        opsGiven = true;
                    }
                    case "--threads" -> {
                        threadList = new ArrayList<>();
                        for (String t : v.split(",")) {
                            int n = (int) positive(name, parseCount(t.trim()));
                            if (!threadList.contains(n)) {
                                threadList.add(n);
                            }
                        }
                    }
                    case "--scale" -> {
                        long n = positive(name, parseCount(v));
                        if (n > OltpSchema.MAX_SCALE) {
                            throw new IllegalArgumentException("--scale must be at most " + OltpSchema.MAX_SCALE + ": " + v);
                        }
                        scale = (int) n;
                    }
                    case "--duration" -> {
                        duration = Double.parseDouble(v);
                        if (!(duration > 0) || Double.isInfinite(duration)) {
                            throw new IllegalArgumentException("--duration must be positive: " + v);
                        }
                    }
                    case "--sqlite-synchronous" -> sqliteSynchronous = switch (v.toUpperCase(Locale.ROOT)) {
                        case "FULL", "NORMAL", "EXTRA", "OFF" -> v.toUpperCase(Locale.ROOT);
                        default -> throw new IllegalArgumentException("--sqlite-synchronous must be FULL, NORMAL, EXTRA or OFF: " + v);
                    };
                    case "--warmup" -> warmup = parseCount(v);
                    case "--sf" -> {
                        sf = Double.parseDouble(v);
                        if (!(sf > 0) || Double.isInfinite(sf)) {
                            throw new IllegalArgumentException("--sf must be positive: " + v);
                        }
                    }
                    case "--queries" -> queries = TpchQueries.parseList(v);
                    case "--lode-settings" -> JdbcEngine.setLodeSettings(v);
                    case "--query-timeout" -> queryTimeout = parseCount(v);
                    case "--load" -> nativeLoad = switch (v.toLowerCase(Locale.ROOT)) {
                        case "native" -> true;
                        case "jdbc" -> false;
                        default -> throw new IllegalArgumentException("--load must be native or jdbc: " + v);
                    };
                    case "--data-dir" -> dataDir = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number for " + name + ": " + v);
            }
        }

        private static long parseCount(String v) {
            long n = Long.parseLong(v.replace(",", "").replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException(v);
            }
            return n;
        }

        private static long positive(String name, long v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
            return v;
        }
    }
}
