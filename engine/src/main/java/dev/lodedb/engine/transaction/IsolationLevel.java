package dev.lodedb.engine.transaction;

import java.util.Locale;

/**
 * The isolation levels a transaction runs at, with PostgreSQL's names and meaning (READ
 * UNCOMMITTED is accepted and runs as READ COMMITTED, as in PostgreSQL). The exact guarantees are
 * in docs/transactions.md.
 */
public enum IsolationLevel {
    /** A new snapshot per statement; a write that meets a concurrent change re-runs the statement. */
    READ_COMMITTED("read committed"),
    /** One snapshot for the whole transaction (snapshot isolation); write-write conflicts abort. */
    REPEATABLE_READ("repeatable read"),
    /** Snapshot isolation plus validation of everything read at commit; any conflict aborts. */
    SERIALIZABLE("serializable");

    private final String sqlName;

    IsolationLevel(String sqlName) {
        this.sqlName = sqlName;
    }

    /** @return the level as SQL spells it in lower case ({@code "read committed"}) */
    public String sqlName() {
        return sqlName;
    }

    /**
     * @param name a level as SQL or PostgreSQL's settings spell it (case-insensitive; spaces,
     *     hyphens or underscores between the words)
     * @return the level, or {@code null} if {@code name} is not one
     */
    public static IsolationLevel parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        switch (n) {
            case "read uncommitted":
            case "read committed":
                return READ_COMMITTED;
            case "repeatable read":
                return REPEATABLE_READ;
            case "serializable":
                return SERIALIZABLE;
            default:
                return null;
        }
    }
}
