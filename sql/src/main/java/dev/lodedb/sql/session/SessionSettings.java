package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A session's run-time settings (PostgreSQL's GUCs that LodeDB has), read by {@code SHOW} and
 * changed by {@code SET} / {@code RESET}. Only settings that LodeDB honours can be changed; the
 * others report PostgreSQL's fixed values, and setting them to another value is refused (22023)
 * rather than silently ignored. Not thread-safe (one per session).
 */
final class SessionSettings {
    /** Settings that can be changed, with their defaults. */
    private static final Map<String, String> CHANGEABLE = new LinkedHashMap<>();
    /**
     * PostgreSQL's planner settings (documentation 20.7, "Query Planning"): a session may set and
     * show them, as tools and PostgreSQL's own tests do. {@code enable_seqscan},
     * {@code enable_indexscan}, {@code enable_indexonlyscan} and {@code enable_bitmapscan} steer
     * the access-path choice, {@code enable_hashagg} and {@code enable_sort} the aggregation method
     * ({@link #plannerSettings()}); {@code enable_hashjoin}, {@code enable_mergejoin}, {@code
     * enable_nestloop}, {@code geqo}, {@code geqo_threshold} and {@code join_collapse_limit} the join
     * planning ({@link #joinSettings()}); LodeDB's planner has none of the other choices to make
     * yet, so they do not change plans. Listed in docs/sql/design.md.
     */
    static final java.util.Set<String> PLANNER_HINTS = java.util.Set.of("enable_hashagg", "enable_hashjoin",
            "enable_mergejoin", "enable_nestloop", "enable_seqscan", "enable_indexscan", "enable_indexonlyscan",
            "enable_bitmapscan", "enable_sort", "enable_incremental_sort", "enable_material", "enable_memoize",
            "enable_partitionwise_join", "enable_partitionwise_aggregate", "enable_parallel_hash",
            "enable_parallel_append", "enable_tidscan", "enable_gathermerge", "enable_presorted_aggregate",
            "work_mem", "hash_mem_multiplier", "jit", "jit_above_cost", "random_page_cost", "seq_page_cost",
            "cpu_tuple_cost", "parallel_tuple_cost", "parallel_setup_cost", "parallel_leader_participation",
            "min_parallel_table_scan_size", "max_parallel_workers_per_gather", "geqo", "geqo_threshold",
            "from_collapse_limit", "join_collapse_limit");
    /** Settings with a fixed value (what clients ask for on connect). */
    private static final Map<String, String> FIXED = new LinkedHashMap<>();

    static {
        CHANGEABLE.put("synchronous_commit", "on");
        CHANGEABLE.put("application_name", "");
        // LodeDB never emits this warning (standard_conforming_strings is always on), so either value holds
        CHANGEABLE.put("escape_string_warning", "on");
        // LodeDB's own: pending writes beyond which COPY FROM / CREATE TABLE AS switch to a table rewrite
        CHANGEABLE.put("bulk_load_threshold", "16MB");
        // transactions (docs/transactions.md)
        CHANGEABLE.put("default_transaction_isolation", "read committed");
        CHANGEABLE.put("default_transaction_read_only", "off");
        CHANGEABLE.put("lock_timeout", "0");
        // LodeDB's own: a durable commit releases its row locks before its fsync (docs/transactions.md)
        CHANGEABLE.put("early_lock_release", "on");
        // LodeDB's own: a transaction's buffered writes beyond which they go into the store with an undo log
        // (a sixteenth of the heap, at most 64 MB: 16 MB with a 256 MB heap)
        CHANGEABLE.put("transaction_buffer_memory",
                Math.max(1, Math.min(64, Runtime.getRuntime().maxMemory() / 16 >> 20)) + "MB");
        // LodeDB's own planner rewrites, on by default (off: the plan without them, for comparison)
        CHANGEABLE.put("enable_decorrelation", "on");
        CHANGEABLE.put("enable_column_pruning", "on");
        for (String h : PLANNER_HINTS) {
            CHANGEABLE.put(h, h.startsWith("enable_") || h.equals("geqo") || h.equals("jit")
                    || h.equals("parallel_leader_participation") ? "on" : "");
        }
        // PostgreSQL's defaults of the join planning settings that LodeDB honours (joinSettings)
        CHANGEABLE.put("geqo_threshold", "12");
        CHANGEABLE.put("join_collapse_limit", "8");
        CHANGEABLE.put("from_collapse_limit", "8");
        FIXED.put("server_version", "15.0");
        FIXED.put("server_version_num", "150000");
        FIXED.put("timezone", "UTC");
        FIXED.put("datestyle", "ISO, MDY");
        FIXED.put("intervalstyle", "postgres");
        FIXED.put("client_encoding", "UTF8");
        FIXED.put("server_encoding", "UTF8");
        FIXED.put("search_path", "public");
        FIXED.put("standard_conforming_strings", "on");
        FIXED.put("integer_datetimes", "on");
        FIXED.put("extra_float_digits", "1");
        FIXED.put("bytea_output", "hex");
    }

    private final Map<String, String> values = new LinkedHashMap<>(CHANGEABLE);
    private final boolean databaseSyncs;

    /** @param databaseSyncs whether the database fsyncs commits at all (off for in-memory databases) */
    SessionSettings(boolean databaseSyncs) {
        this.databaseSyncs = databaseSyncs;
        if (!databaseSyncs) {
            values.put("synchronous_commit", "off");
        }
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "time zone" -> "timezone";
            case "transaction isolation level" -> "transaction_isolation";
            default -> n;
        };
    }

    /**
     * @return the current value
     * @throws SqlException 42704 for an unknown setting
     */
    String show(String name) {
        String n = normalize(name);
        String v = values.get(n);
        if (v == null) {
            v = FIXED.get(n);
        }
        if (v == null) {
            throw new SqlException(SqlException.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name
                    + "\"");
        }
        return v;
    }

    /**
     * Sets a setting ({@code null} value: its default).
     *
     * @throws SqlException 42704 for an unknown setting, 22023 for a value LodeDB does not support
     */
    void set(String name, String value) {
        planner = null; // the cached planner and join settings follow the values
        join = null;
        String n = normalize(name);
        if (CHANGEABLE.containsKey(n)) {
            if (value == null) {
                values.put(n, databaseSyncs || !n.equals("synchronous_commit") ? CHANGEABLE.get(n) : "off");
                return;
            }
            if (n.equals("synchronous_commit")) {
                String v = value.toLowerCase(Locale.ROOT);
                switch (v) {
                    case "on", "true", "yes", "1", "local", "remote_write", "remote_apply" -> v = "on";
                    case "off", "false", "no", "0" -> v = "off";
                    default -> throw new SqlException(SqlException.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"synchronous_commit\": \"" + value + "\"");
                }
                values.put(n, v);
                return;
            }
            if (n.equals("default_transaction_isolation")) {
                dev.lodedb.engine.transaction.IsolationLevel level =
                        dev.lodedb.engine.transaction.IsolationLevel.parse(value);
                if (level == null) {
                    throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter \""
                            + n + "\": \"" + value + "\"", null, "Available values: serializable, repeatable read, "
                            + "read committed, read uncommitted.", 0, null);
                }
                values.put(n, level.sqlName());
                return;
            }
            if (n.equals("default_transaction_read_only") || n.equals("early_lock_release")) {
                Boolean b = bool(value);
                if (b == null) {
                    throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "parameter \"" + n
                            + "\" requires a Boolean value");
                }
                values.put(n, b ? "on" : "off");
                return;
            }
            if (n.equals("lock_timeout")) {
                values.put(n, Long.toString(millis(n, value)));
                return;
            }
            if (n.equals("bulk_load_threshold") || n.equals("transaction_buffer_memory")) {
                values.put(n, Long.toString(memoryBytes(n, value)) + "B");
                return;
            }
            if (n.equals("geqo_threshold") || n.equals("join_collapse_limit") || n.equals("from_collapse_limit")) {
                values.put(n, Integer.toString(integer(n, value, n.equals("geqo_threshold") ? 2 : 1)));
                return;
            }
            if (n.startsWith("enable_") || n.equals("geqo") || n.equals("jit")) {
                Boolean b = bool(value);
                if (b == null) {
                    throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "parameter \"" + n
                            + "\" requires a Boolean value");
                }
                value = b ? "on" : "off";
            }
            values.put(n, value);
            return;
        }
        String fixed = FIXED.get(n);
        if (fixed == null) {
            throw new SqlException(SqlException.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name
                    + "\"");
        }
        if (value != null && !value.equalsIgnoreCase(fixed) && !(n.equals("timezone")
                && (value.equalsIgnoreCase("utc") || value.equalsIgnoreCase("gmt") || value.equals("0")))) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "parameter \"" + n + "\" can only be \""
                    + fixed + "\" in LodeDB", null, null, 0, null);
        }
    }

    /**
     * Parses a memory size as PostgreSQL does for memory settings: a number with an optional unit
     * {@code B}, {@code kB}, {@code MB}, {@code GB}, {@code TB} (a bare number is kB).
     *
     * @throws SqlException 22023 for anything else or a size below 1 byte
     */
    private static long memoryBytes(String name, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+)\\s*(B|kB|MB|GB|TB)?\\s*")
                .matcher(value);
        if (!m.matches()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name
                    + "\": \"" + value + "\"", null, "Valid units for this parameter are \"B\", \"kB\", \"MB\", "
                    + "\"GB\", and \"TB\".", 0, null);
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        String unit = m.group(2) == null ? "kB" : m.group(2);
        int shift = switch (unit) {
            case "B" -> 0;
            case "kB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 40;
        };
        long bytes = n >= (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : n << shift;
        if (bytes < 1) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name
                    + "\": \"" + value + "\"");
        }
        return bytes;
    }

    /**
     * Parses a time as PostgreSQL does for time settings: a number with an optional unit
     * {@code us}, {@code ms}, {@code s}, {@code min}, {@code h}, {@code d} (a bare number is ms).
     *
     * @return the time in milliseconds
     * @throws SqlException 22023 for anything else or a negative time
     */
    private static long millis(String name, String value) {
        return millis(name, value, "ms");
    }

    /**
     * Parses a time setting as PostgreSQL does: a whole number with an optional unit {@code us},
     * {@code ms}, {@code s}, {@code min}, {@code h} or {@code d}.
     *
     * @param unit the unit of a bare number
     * @return the value in milliseconds
     * @throws SqlException 22023 for anything else
     */
    static long millis(String name, String value, String unit) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+)\\s*(us|ms|s|min|h|d)?\\s*")
                .matcher(value);
        if (!m.matches()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name
                    + "\": \"" + value + "\"", null, "Valid units for this parameter are \"us\", \"ms\", \"s\", "
                    + "\"min\", \"h\", and \"d\".", 0, null);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? unit : m.group(2)) {
            case "us" -> n / 1000;
            case "s" -> n * 1000;
            case "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n;
        };
    }

    /** @return how long a lock wait may last, in milliseconds (0: no limit) */
    long lockTimeoutMillis() {
        return Long.parseLong(values.get("lock_timeout"));
    }

    /** @return the isolation level of transactions that do not choose one */
    dev.lodedb.engine.transaction.IsolationLevel defaultIsolation() {
        return dev.lodedb.engine.transaction.IsolationLevel.parse(values.get("default_transaction_isolation"));
    }

    /** @return whether transactions that do not choose are read-only */
    boolean defaultReadOnly() {
        return "on".equals(values.get("default_transaction_read_only"));
    }

    /** @return the pending-write size beyond which a bulk load rewrites the table, in bytes */
    long bulkLoadThresholdBytes() {
        return bytes("bulk_load_threshold");
    }

    /**
     * @return the memory a transaction's buffered writes may take before they go into the store
     *     with an undo log ({@code transaction_buffer_memory}), in bytes
     */
    long transactionBufferBytes() {
        return bytes("transaction_buffer_memory");
    }

    private long bytes(String name) {
        String v = values.get(name);
        return v.endsWith("MB") ? Long.parseLong(v.substring(0, v.length() - 2)) << 20
                : Long.parseLong(v.substring(0, v.length() - 1));
    }

    /** @return PostgreSQL's Boolean forms (on/off, true/false, yes/no, 1/0 and unique prefixes), or {@code null} */
    private static Boolean bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("on") || s.equals("1") || !s.isEmpty() && ("true".startsWith(s) || "yes".startsWith(s))) {
            return true;
        }
        if (s.equals("off") || s.equals("0") || !s.isEmpty() && ("false".startsWith(s) || "no".startsWith(s))) {
            return false;
        }
        return null;
    }

    /** @return the settings that steer the planner's access-path choice and rewrites */
    dev.lodedb.sql.optimizer.PlannerSettings plannerSettings() {
        dev.lodedb.sql.optimizer.PlannerSettings p = planner;
        if (p == null) {
            p = newPlannerSettings();
            planner = p;
        }
        return p;
    }

    /** The planner and join settings of the current values, made on first use after a change (see {@link #set}). */
    private dev.lodedb.sql.optimizer.PlannerSettings planner;
    private dev.lodedb.sql.optimizer.JoinSettings join;

    private dev.lodedb.sql.optimizer.PlannerSettings newPlannerSettings() {
        return new dev.lodedb.sql.optimizer.PlannerSettings(!"off".equals(values.get("enable_seqscan")),
                !"off".equals(values.get("enable_indexscan")), !"off".equals(values.get("enable_indexonlyscan")),
                !"off".equals(values.get("enable_decorrelation")), !"off".equals(values.get("enable_column_pruning")),
                !"off".equals(values.get("enable_bitmapscan")), !"off".equals(values.get("enable_hashagg")),
                !"off".equals(values.get("enable_sort")));
    }

    /** @return whether commits of this session wait for the write-ahead log to be fsynced */
    boolean synchronousCommit() {
        return databaseSyncs && "on".equals(values.get("synchronous_commit"));
    }

    /**
     * @return whether a durable commit of this session makes its writes visible and releases its
     *     locks before the fsync, which COMMIT still waits for ({@code early_lock_release})
     */
    boolean earlyLockRelease() {
        return !"off".equals(values.get("early_lock_release"));
    }

    /** @return the settings that steer join ordering and join methods */
    dev.lodedb.sql.optimizer.JoinSettings joinSettings() {
        dev.lodedb.sql.optimizer.JoinSettings j = join;
        if (j == null) {
            j = newJoinSettings();
            join = j;
        }
        return j;
    }

    private dev.lodedb.sql.optimizer.JoinSettings newJoinSettings() {
        return new dev.lodedb.sql.optimizer.JoinSettings(!"off".equals(values.get("enable_hashjoin")),
                !"off".equals(values.get("enable_nestloop")), !"off".equals(values.get("enable_mergejoin")),
                Integer.parseInt(values.get("join_collapse_limit")), !"off".equals(values.get("geqo")),
                Integer.parseInt(values.get("geqo_threshold")));
    }

    /**
     * @return {@code value} as an integer setting of at least {@code min}
     * @throws SqlException 22023 when it is not an integer or out of range, with PostgreSQL's message
     */
    private static int integer(String name, String value, int min) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name
                    + "\": \"" + value + "\"");
        }
        if (v < min) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, v + " is outside the valid range for parameter \""
                    + name + "\" (" + min + " .. 2147483647)");
        }
        return v;
    }
}
