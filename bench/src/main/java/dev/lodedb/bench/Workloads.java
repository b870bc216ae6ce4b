package dev.lodedb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The registry of key-value workloads by name, and the groups {@code dbbench}, {@code ycsb}, {@code all}. */
public final class Workloads {
    /** The db_bench-style workloads, in the order {@code dbbench} runs them. */
    public static final List<String> DB_BENCH = List.of("fillseq", "fillrandom", "overwrite", "readrandom",
            "readseq", "seekrandom", "readwhilewriting", "fillsync");
    /** The YCSB core workloads. */
    public static final List<String> YCSB = List.of("ycsb-a", "ycsb-b", "ycsb-c", "ycsb-d", "ycsb-e", "ycsb-f");

    private Workloads() {
    }

    /**
     * Expands a name or group to canonical workload names. YCSB workloads may be written
     * {@code ycsb-a}, {@code ycsba}, {@code ycsb_a} or {@code workloada}.
     *
     * @throws IllegalArgumentException on an unknown name
     */
    public static List<String> expand(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "all" -> {
                List<String> all = new ArrayList<>(DB_BENCH);
                all.addAll(YCSB);
                return all;
            }
            case "dbbench", "db_bench" -> {
                return DB_BENCH;
            }
            case "ycsb" -> {
                return YCSB;
            }
            default -> {
                // fall through to single names
            }
        }
        if (DB_BENCH.contains(n)) {
            return List.of(n);
        }
        String letter = n.startsWith("workload") ? n.substring(8)
                : n.startsWith("ycsb") ? n.substring(4).replaceFirst("^[-_]", "") : null;
        if (letter != null && letter.length() == 1 && letter.charAt(0) >= 'a' && letter.charAt(0) <= 'f') {
            return List.of("ycsb-" + letter);
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'");
    }

    /** @return the workload with canonical name {@code name} (as returned by {@link #expand}) */
    public static Workload create(String name) {
        if (name.startsWith("ycsb-")) {
            return new YcsbWorkload(name.charAt(5));
        }
        return new DbBenchWorkload(DbBenchWorkload.Kind.valueOf(name.toUpperCase(Locale.ROOT)));
    }
}
