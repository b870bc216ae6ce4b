package dev.lodedb.bench.sql;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which errors of a write the oltp workload retries, and how often each happened in a phase.
 * Retried: SQLSTATE {@code 40001} (serialization failure; also H2's deadlock) and {@code 40P01}
 * (deadlock) on every engine; SQLite's {@code SQLITE_BUSY} and {@code SQLITE_LOCKED} (primary
 * result codes 5 and 6: the busy timeout ran out); H2's lock timeout ({@code HYT00}, error 50200)
 * and concurrent update ({@code 90131}). Anything else fails the phase. Thread-safe.
 */
final class Retries {
    /** A transaction retried this many times in a row fails the phase: something is stuck. */
    static final int MAX_ATTEMPTS = 1000;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * @return a short name of why {@code e} may be retried (e.g. {@code 40001}, {@code SQLITE_BUSY}),
     *     or null if it may not
     */
    static String reason(JdbcEngine engine, SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            return state;
        }
        if (engine == JdbcEngine.SQLITE) {
            int primary = e.getErrorCode() & 0xff;
            if (primary == 5) {
                return "SQLITE_BUSY";
            }
            if (primary == 6) {
                return "SQLITE_LOCKED";
            }
        }
        if (engine == JdbcEngine.H2) {
            if ("HYT00".equals(state) || e.getErrorCode() == 50200) {
                return "HYT00 lock timeout";
            }
            if ("90131".equals(state) || e.getErrorCode() == 90131) {
                return "90131 concurrent update";
            }
        }
        return null;
    }

    /** Counts one retry for {@code reason}. */
    void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** @return all retries counted */
    long total() {
        long n = 0;
        for (LongAdder a : counts.values()) {
            n += a.sum();
        }
        return n;
    }

    /** @return e.g. {@code retries 3 (40001 x2, 40P01 x1)}, or {@code retries 0} */
    String describe() {
        if (counts.isEmpty()) {
            return "retries 0";
        }
        StringBuilder sb = new StringBuilder("retries ").append(total()).append(" (");
        String sep = "";
        for (Map.Entry<String, LongAdder> en : new TreeMap<>(counts).entrySet()) {
            sb.append(sep).append(en.getKey()).append(" x").append(en.getValue().sum());
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
