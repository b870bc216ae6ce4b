package dev.lodedb.bench;

import dev.lodedb.storage.KeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Entry point of the benchmarks; {@code sql} goes to {@link dev.lodedb.bench.sql.SqlBenchMain}, and
 * this class runs the key-value benchmarks: {@code java -jar lode-bench.jar kv --workload NAME ...}
 * (what {@code ./bench.sh kv} runs). For every workload and every engine (LodeDB's LSM and
 * RocksDB by default, with the same {@code LsmOptions}), it opens a fresh store under the data
 * directory, runs the load phase, lets the store settle, runs the measured phase, and prints
 * throughput and latency percentiles; the last line of each workload is exactly
 * <pre>RESULT workload=NAME lode_ops=N rocksdb_ops=N ratio=R</pre>
 * with run-phase operations per second rounded to integers and {@code R = lode/rocksdb} with two
 * decimals ({@code NA} for an engine that was not run or failed; the exit status is then 1 if it
 * failed).
 */
public final class BenchMain {
    private BenchMain() {
    }

    /**
     * Runs the benchmark named by {@code args[0]}: {@code kv}, or {@code sql}
     * ({@link dev.lodedb.bench.sql.SqlBenchMain}).
     *
     * @param args {@code kv} followed by the options of {@link BenchOptions#USAGE}, or {@code sql}
     *     followed by those of {@link dev.lodedb.bench.sql.SqlBenchOptions#USAGE}
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sql")) {
            dev.lodedb.bench.sql.SqlBenchMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 0 || !args[0].equals("kv")) {
            System.err.println(args.length == 0 ? "no benchmark given" : "unknown benchmark: " + args[0]);
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(BenchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        System.out.println("# lode-bench kv: " + options.summary());
        warmUp(options);
        boolean ok = true;
        for (String name : options.workloads) {
            ok &= runWorkload(Workloads.create(name), options);
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /**
     * Runs one workload on every engine and prints its report, ending with the RESULT line. An
     * engine that fails is reported (stack trace on stderr) and counts as not run.
     *
     * @return whether every engine completed
     */
    static boolean runWorkload(Workload w, BenchOptions o) {
        boolean failed = false;
        System.out.println();
        System.out.println("== " + w.describe(o));
        Map<Engine, Double> opsPerSec = new LinkedHashMap<>();
        for (Engine e : o.engines) {
            Path dir = freshDir(o.dataDir, w.name() + "-" + e.label());
            try (KeyValueStore store = e.open(dir, o.lsmOptions())) {
                PhaseResult load = w.load(store, o);
                if (load != null) {
                    print(e, load.describe());
                    long t0 = System.nanoTime();
                    settle(store, o);
                    print(e, String.format(Locale.ROOT, "settle %.2f s%s", (System.nanoTime() - t0) / 1e9,
                            o.compact ? " (with full compaction)" : ""));
                }
                PhaseResult run = w.run(store, o);
                print(e, run.describe());
                print(e, "stats " + stats(store.properties()));
                opsPerSec.put(e, run.opsPerSecond());
            } catch (RuntimeException | LinkageError failure) {
                print(e, "FAILED: " + failure);
                failure.printStackTrace();
                failed = true;
            } finally {
                if (!o.keep) {
                    deleteRecursively(dir);
                }
            }
        }
        System.out.println(resultLine(w.name(), opsPerSec.get(Engine.LODE), opsPerSec.get(Engine.ROCKSDB)));
        System.out.flush();
        return !failed;
    }

    /**
     * @return {@code RESULT workload=NAME lode_ops=N rocksdb_ops=N ratio=R}; a missing engine
     *     prints as {@code NA}, and so does the ratio then
     */
    static String resultLine(String workload, Double lode, Double rocks) {
        String ratio = lode == null || rocks == null || rocks == 0 ? "NA" : String.format(Locale.ROOT, "%.2f", lode / rocks);
        return "RESULT workload=" + workload + " lode_ops=" + (lode == null ? "NA" : Math.round(lode))
                + " rocksdb_ops=" + (rocks == null ? "NA" : Math.round(rocks)) + " ratio=" + ratio;
    }

    /**
     * After a load: optionally compacts everything, flushes, then waits (up to 10 minutes) until
     * the store reports no pending or running flush/compaction, when it reports those properties.
     */
    static void settle(KeyValueStore store, BenchOptions o) {
        if (o.compact) {
            store.compactRange(null, null);
        }
        if (!o.settle) {
            return;
        }
        store.flush();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, Long> p = store.properties();
            long busy = p.getOrDefault("compaction.pending", 0L) + p.getOrDefault("compaction.running", 0L)
                    + p.getOrDefault("flush.running", 0L);
            if (busy == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return a compact rendering of the properties that explain a result */
    static String stats(Map<String, Long> p) {
        StringBuilder sb = new StringBuilder();
        long user = p.getOrDefault("user.bytes-written", 0L);
        long disk = p.getOrDefault("disk.bytes-written", 0L);
        if (user > 0) {
            sb.append(String.format(Locale.ROOT, "write-amp=%.2f ", (double) disk / user));
        }
        sb.append("files/level=");
        for (int n = 0; n <= 6; n++) {
            sb.append(n == 0 ? "" : ",").append(p.getOrDefault("level." + n + ".files", 0L));
        }
        for (String k : List.of("compaction.count", "stall.micros", "block-cache.hits", "block-cache.misses",
                "bloom.useful")) {
            if (p.containsKey(k)) {
                sb.append(' ').append(k).append('=').append(p.get(k));
            }
        }
        return sb.toString();
    }

    private static void print(Engine e, String line) {
        System.out.printf(Locale.ROOT, "%-8s %s%n", e.label(), line);
    }

    /**
     * Runs an unmeasured load and read pass on a throwaway store of every engine, so that the
     * JIT has compiled LodeDB's paths (and warmed RocksDB's JNI bindings) before anything is
     * measured; otherwise the first engine measured pays for compilation, as JMH's warm-up
     * iterations exist to avoid.
     */
    static void warmUp(BenchOptions o) {
        if (o.warmup <= 0) {
            return;
        }
        BenchOptions w = BenchOptions.parse(new String[] {"--workload", "readrandom", "--records", Long.toString(o.warmup),
                "--value-size", Integer.toString(o.valueSize), "--threads", "1", "--warmup", "0"});
        long t0 = System.nanoTime();
        for (Engine e : o.engines) {
            Path dir = freshDir(o.dataDir, "warmup-" + e.label());
            try (KeyValueStore store = e.open(dir, o.lsmOptions())) {
                for (String name : List.of("fillrandom", "readrandom", "seekrandom")) {
                    Workload wl = Workloads.create(name);
                    wl.load(store, w);
                    wl.run(store, w);
                }
            } finally {
                deleteRecursively(dir);
            }
        }
        System.out.println(String.format(Locale.ROOT, "# warm-up: %,d records per engine, %.1f s (not measured)",
                o.warmup, (System.nanoTime() - t0) / 1e9));
    }

    private static Path freshDir(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            return parent.resolve(name + "-" + System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
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
}
