package dev.lodedb.bench.sql;

import dev.lodedb.bench.PhaseResult;
import dev.lodedb.bench.Runner;
import dev.lodedb.bench.sql.OltpSchema.Params;
import dev.lodedb.bench.sql.OltpSchema.Sums;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code oltp} workload (issue 5's OLTP bar): pgbench's tables at {@code --scale}
 * ({@link OltpSchema}), loaded unmeasured, then four phases, each run once per client count of
 * {@code --threads} (default 1, 2, 8; one connection per client), for {@code --duration} seconds
 * (or {@code --ops} operations per client):
 * <ol>
 * <li>{@code select}: a point select through the secondary index on {@code akey}, a uniformly
 * random key; every select must find its account;
 * <li>{@code insert}: pgbench's history insert, one row per auto-committed statement;
 * <li>{@code update}: pgbench's {@code UPDATE pgbench_accounts SET abalance = abalance + ? WHERE
 * aid = ?}, auto-committed;
 * <li>{@code tpcb}: pgbench's built-in TPC-B-like transaction, five statements in a block.
 * </ol>
 * Parameters are drawn as pgbench draws them ({@link Params}), from a random source seeded per
 * phase, client count and client. Writes are retried on serialization failures, deadlocks and the
 * peers' busy and lock-timeout errors ({@link Retries}; counted and printed). After each tpcb run
 * the balances are checked ({@link Sums#check}); a mismatch fails the engine. Before each
 * phase, one client runs it unmeasured for {@link #WARMUP_NANOS} (none with {@code --no-warmup}).
 * Metric: operations (for tpcb: transactions) per second per phase and client count.
 */
public final class OltpWorkload {
    /** Unmeasured time each phase runs on one client first, for the JIT and the caches. */
    static final long WARMUP_NANOS = 2_000_000_000L;

    /** The phases, in the order they run. */
    enum Phase {
        SELECT, INSERT, UPDATE, TPCB;

        /** @return the name in reports and RESULT lines */
        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private OltpWorkload() {
    }

    /** The measurements of a run: per phase, client count and engine. */
    static final class Results {
        private final List<JdbcEngine> engines;
        private final List<Integer> threads;
        private final Map<Phase, Map<Integer, Map<JdbcEngine, PhaseResult>>> results = new EnumMap<>(Phase.class);
        private final Map<String, String> retries = new LinkedHashMap<>();
        private boolean complete = true;

        Results(List<JdbcEngine> engines, List<Integer> threads) {
            this.engines = List.copyOf(engines);
            this.threads = List.copyOf(threads);
        }

        void put(Phase p, int n, JdbcEngine e, PhaseResult r, Retries retried) {
            results.computeIfAbsent(p, k -> new HashMap<>()).computeIfAbsent(n, k -> new HashMap<>()).put(e, r);
            if (retried.total() > 0) {
                retries.put(label(e) + " " + p.text() + " " + n, retried.describe());
            }
        }

        void failed() {
            complete = false;
        }

        /** @return whether every engine ran every phase at every client count and passed the checks */
        boolean complete() {
            return complete;
        }

        private PhaseResult get(Phase p, int n, JdbcEngine e) {
            return results.getOrDefault(p, Map.of()).getOrDefault(n, Map.of()).get(e);
        }

        /** @return one RESULT line per phase, client count and peer */
        List<String> resultLines() {
            List<String> out = new ArrayList<>();
            for (Phase p : Phase.values()) {
                for (int n : threads) {
                    Map<JdbcEngine, Double> values = new LinkedHashMap<>();
                    for (JdbcEngine e : engines) {
                        PhaseResult r = get(p, n, e);
                        if (r != null) {
                            values.put(e, r.opsPerSecond());
                        }
                    }
                    out.addAll(ResultLine.lines("oltp", ResultLine.Metric.OPS_PER_S, "phase=" + p.text() + " threads=" + n,
                            engines, values));
                }
            }
            return out;
        }

        /** @return a Markdown table per phase: engines by client counts, ops/s (p50 / p99 us); then the retries */
        List<String> tables() {
            List<String> out = new ArrayList<>();
            for (Phase p : Phase.values()) {
                out.add("");
                out.add(p.text() + ": ops/s (latency p50 / p99 in us)");
                out.add("");
                StringBuilder head = new StringBuilder("| engine |");
                StringBuilder rule = new StringBuilder("|---|");
                for (int n : threads) {
                    head.append(' ').append(n).append(n == 1 ? " thread |" : " threads |");
                    rule.append("---:|");
                }
                out.add(head.toString());
                out.add(rule.toString());
                for (JdbcEngine e : engines) {
                    StringBuilder row = new StringBuilder("| ").append(label(e)).append(" |");
                    for (int n : threads) {
                        PhaseResult r = get(p, n, e);
                        row.append(r == null ? " failed |" : String.format(Locale.ROOT, " %,.0f (%,.0f / %,.0f) |",
                                r.opsPerSecond(), r.micros(50), r.micros(99)));
                    }
                    out.add(row.toString());
                }
            }
            out.add("");
            if (retries.isEmpty()) {
                out.add("retries: none");
            }
            retries.forEach((k, v) -> out.add("retries: " + k + " threads: " + v));
            return out;
        }
    }

    /** @return the engine's name as the tables print it */
    static String label(JdbcEngine e) {
        return switch (e) {
            case LODE -> "LodeDB";
            case SQLITE -> "SQLite";
            case H2 -> "H2";
            case DUCKDB -> "DuckDB";
        };
    }

    /** What the writes of one engine's phases committed, for the consistency check. */
    private static final class Committed {
        final LongAdder updateDeltas = new LongAdder();
        final LongAdder insertDeltas = new LongAdder();
        final LongAdder insertRows = new LongAdder();
        final LongAdder tpcbCommits = new LongAdder();
    }

    /**
     * Runs the workload on every oltp engine, each on a fresh file-backed database.
     *
     * @return the measurements; an engine or phase that failed is printed and absent
     */
    static Results run(SqlBenchOptions o, Path dataDir) {
        Results res = new Results(o.oltpEngines, o.oltpThreads);
        int maxThreads = Collections.max(o.oltpThreads);
        for (JdbcEngine e : o.oltpEngines) {
            Path dir = null;
            List<AutoCloseable> open = new ArrayList<>();
            try {
                dir = SqlBench.freshDir(dataDir, "oltp-" + e.label());
                String url = e.fileUrl(dir);
                Connection setup = OltpClient.connect(e, url, o.sqliteSynchronous);
                open.add(setup);
                TransactionBlocks blocks = TransactionBlocks.of(setup);
                SqlBench.print(e, url + " | " + e.settings(setup) + (e == JdbcEngine.H2 ? "; LOCK_TIMEOUT=10000 ms" : "")
                        + " | transactions: " + blocks.describe());
                long t0 = System.nanoTime();
                long rows = OltpSchema.load(setup, blocks, o.scale, o.batch);
                SqlBench.print(e, String.format(Locale.ROOT, "load (not measured) %,d rows, index and ANALYZE in %.3f s", rows,
                        SqlBench.seconds(System.nanoTime() - t0)));
                List<OltpClient> clients = new ArrayList<>();
                while (clients.size() < maxThreads) {
                    OltpClient c = new OltpClient(e, url, o.sqliteSynchronous);
                    open.add(c);
                    clients.add(c);
                }
                runPhases(e, setup, clients, o, res);
            } catch (SQLException | RuntimeException | LinkageError failure) {
                SqlBench.failed(e, failure);
                res.failed();
            } finally {
                for (int i = open.size() - 1; i >= 0; i--) {
                    try {
                        open.get(i).close();
                    } catch (Exception ignored) {
                        // closing after the run; a failure was reported already
                    }
                }
                if (!o.keep) {
                    SqlBench.deleteRecursively(dir);
                }
            }
        }
        return res;
    }

    private static void runPhases(JdbcEngine e, Connection setup, List<OltpClient> clients, SqlBenchOptions o, Results res) {
        Committed committed = new Committed();
        for (Phase p : Phase.values()) {
            try {
                if (o.warmup > 0) {
                    PhaseResult w = measure(p, clients.subList(0, 1), o, committed, new Retries(), 0, o.oltpOps, WARMUP_NANOS);
                    SqlBench.print(e, w.describe() + " | 1 thread (not measured)");
                }
                for (int n : o.oltpThreads) {
                    Retries retries = new Retries();
                    long seed = o.seed * 31 + p.ordinal() * 1_000_003L + n * 1009L;
                    PhaseResult r = measure(p, clients.subList(0, n), o, committed, retries, seed, o.oltpOps * n,
                            (long) (o.oltpSeconds * 1e9));
                    SqlBench.print(e, r.describe() + " | " + n + (n == 1 ? " thread | " : " threads | ") + retries.describe());
                    if (p == Phase.TPCB) {
                        checkBalances(e, setup, committed);
                    }
                    res.put(p, n, e, r, retries);
                }
            } catch (SQLException | RuntimeException failure) {
                SqlBench.print(e, "FAILED in phase " + p.text() + ": " + failure);
                failure.printStackTrace();
                res.failed();
                for (OltpClient c : clients) {
                    c.rollbackQuietly();
                }
            }
        }
    }

    /**
     * Runs phase {@code p} on {@code clients}: {@code ops} operations over all clients if
     * positive, else for {@code maxNanos}.
     */
    private static PhaseResult measure(Phase p, List<OltpClient> clients, SqlBenchOptions o, Committed committed,
            Retries retries, long seed, long ops, long maxNanos) throws SQLException {
        int accounts = OltpSchema.accounts(o.scale);
        int scale = o.scale;
        if (p == Phase.TPCB) {
            for (OltpClient c : clients) {
                c.blocks().enter();
            }
        }
        PhaseResult r;
        try {
            r = Runner.run(p.text(), clients.size(), ops > 0 ? ops : Long.MAX_VALUE, ops > 0 ? 0 : maxNanos, seed,
                    (thread, op, rnd, tally) -> {
                        OltpClient c = clients.get(thread);
                        switch (p) {
                            case SELECT -> {
                                tally.reads.increment();
                                if (c.selectByAkey(1 + rnd.nextInt(accounts), accounts)) {
                                    tally.found.increment();
                                }
                            }
                            case INSERT -> {
                                Params q = Params.next(rnd, scale);
                                c.insert(q, retries);
                                committed.insertDeltas.add(q.delta());
                                committed.insertRows.increment();
                            }
                            case UPDATE -> {
                                Params q = Params.next(rnd, scale);
                                c.update(q, retries);
                                committed.updateDeltas.add(q.delta());
                            }
                            case TPCB -> {
                                c.tpcb(Params.next(rnd, scale), retries);
                                committed.tpcbCommits.increment();
                            }
                        }
                    });
        } finally {
            if (p == Phase.TPCB) {
                for (OltpClient c : clients) {
                    c.blocks().leave();
                }
            }
        }
        if (p == Phase.SELECT && !r.note().startsWith(String.format(Locale.ROOT, "found %,d ", r.ops()))) {
            throw new IllegalStateException("selects by akey missed accounts: " + r.note());
        }
        return r;
    }

    private static void checkBalances(JdbcEngine e, Connection c, Committed committed) throws SQLException {
        Sums s = Sums.read(c);
        String mismatch = s.check(committed.updateDeltas.sum(), committed.insertDeltas.sum(), committed.insertRows.sum(),
                committed.tpcbCommits.sum());
        if (mismatch != null) {
            throw new IllegalStateException("consistency check failed after tpcb: " + mismatch + " (" + s.describe() + ")");
        }
        SqlBench.print(e, "consistency check passed: " + s.describe() + ", update phase deltas " + committed.updateDeltas.sum()
                + ", insert phase deltas " + committed.insertDeltas.sum() + " in " + committed.insertRows.sum() + " rows");
    }

    /** @return the report's heading line of the workload */
    static String describe(SqlBenchOptions o) {
        return String.format(Locale.ROOT,
                "oltp: pgbench scale %d (%,d accounts, %d tellers, %d branch(es)) + index on akey; phases select, insert, update, tpcb"
                        + " on %s client(s), each %s%s; engines %s; metric ops_per_s (higher is better)",
                o.scale, OltpSchema.accounts(o.scale), OltpSchema.TELLERS_PER_BRANCH * o.scale, o.scale, o.oltpThreads,
                o.oltpOps > 0 ? String.format(Locale.ROOT, "%,d ops per client", o.oltpOps) : o.oltpSeconds + " s",
                o.warmup > 0 ? " after " + WARMUP_NANOS / 1_000_000_000 + " s unmeasured on 1 client" : "", o.oltpEngines);
    }
}
