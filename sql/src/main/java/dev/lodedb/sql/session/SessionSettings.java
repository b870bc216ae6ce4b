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
    private static final Map<String, String> CHANGEABLE = Map.of(
            "synchronous_commit", "on",
            "application_name", "");
    /** Settings with a fixed value (what clients ask for on connect). */
    private static final Map<String, String> FIXED = new LinkedHashMap<>();

    static {
        FIXED.put("server_version", "15.0");
        FIXED.put("server_version_num", "150000");
        FIXED.put("timezone", "UTC");
        FIXED.put("datestyle", "ISO, MDY");
        FIXED.put("intervalstyle", "postgres");
        FIXED.put("client_encoding", "UTF8");
        FIXED.put("server_encoding", "UTF8");
        FIXED.put("transaction_isolation", "read committed");
        FIXED.put("search_path", "public");
        FIXED.put("standard_conforming_strings", "on");
        FIXED.put("integer_datetimes", "on");
        FIXED.put("extra_float_digits", "1");
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

    /** @return whether commits of this session wait for the write-ahead log to be fsynced */
    boolean synchronousCommit() {
        return databaseSyncs && "on".equals(values.get("synchronous_commit"));
    }
}
