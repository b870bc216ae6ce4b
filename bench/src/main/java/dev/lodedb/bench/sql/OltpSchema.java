package dev.lodedb.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The data of the {@code oltp} workload: pgbench's four tables (the same DDL text on every
 * engine), loaded as {@code pgbench -i} loads them, plus one column for the point select by a
 * secondary index; the random parameters of pgbench's built-in TPC-B-like script; and the
 * consistency check run after every TPC-B phase.
 *
 * <p>The tables are pgbench's, with {@code INTEGER} where pgbench writes {@code int} (the same
 * type in PostgreSQL, LodeDB and H2; in SQLite it makes {@code INTEGER PRIMARY KEY} the rowid,
 * SQLite's fastest primary key) and the primary keys declared inline. {@code pgbench_accounts}
 * has one more column, {@code akey INTEGER NOT NULL}: a permutation of {@code aid}
 * ({@link #akey}), so every value is unique and its order unrelated to the primary key's, with a
 * plain (non-unique) index {@code pgbench_accounts_akey} built after the load. As in pgbench,
 * accounts get {@code filler = ''} (a blank-padded {@code CHAR(84)}; SQLite stores the empty
 * text), branches and tellers a NULL filler, and every balance starts at 0.
 */
final class OltpSchema {
    /** Accounts per branch (pgbench's {@code naccounts}). */
    static final int ACCOUNTS_PER_BRANCH = 100_000;
    /** Tellers per branch (pgbench's {@code ntellers}). */
    static final int TELLERS_PER_BRANCH = 10;
    /** The largest scale whose account ids fit an {@code INTEGER}. */
    static final int MAX_SCALE = Integer.MAX_VALUE / ACCOUNTS_PER_BRANCH;
    /**
     * The multiplier of {@link #akey}: a prime larger than {@link #MAX_SCALE}, so it divides no
     * account count ({@code 2^5 * 5^5 * scale}), near 100,000 / golden ratio, so that consecutive
     * accounts' keys land far apart and evenly spread.
     */
    static final long AKEY_MULTIPLIER = 61_813;

    /** The tables, created in this order. */
    static final List<String> DDL = List.of(
            "CREATE TABLE pgbench_branches (bid INTEGER PRIMARY KEY, bbalance INTEGER, filler CHAR(88))",
            "CREATE TABLE pgbench_tellers (tid INTEGER PRIMARY KEY, bid INTEGER, tbalance INTEGER, filler CHAR(84))",
            "CREATE TABLE pgbench_accounts (aid INTEGER PRIMARY KEY, bid INTEGER, abalance INTEGER, filler CHAR(84), "
                    + "akey INTEGER NOT NULL)",
            "CREATE TABLE pgbench_history (tid INTEGER, bid INTEGER, aid INTEGER, delta INTEGER, mtime TIMESTAMP, filler CHAR(22))");
    /** The secondary index, built after the load. */
    static final String INDEX = "CREATE INDEX pgbench_accounts_akey ON pgbench_accounts (akey)";

    /** The select phase's statement: a point select through the secondary index. */
    static final String SELECT_BY_AKEY = "SELECT aid, abalance FROM pgbench_accounts WHERE akey = ?";
    /** pgbench's statements, in the order of its built-in {@code tpcb-like} script. */
    static final String UPDATE_ACCOUNT = "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?";
    static final String SELECT_BALANCE = "SELECT abalance FROM pgbench_accounts WHERE aid = ?";
    static final String UPDATE_TELLER = "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?";
    static final String UPDATE_BRANCH = "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?";
    static final String INSERT_HISTORY = "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)";

    private OltpSchema() {
    }

    /** @return the number of accounts at {@code scale} */
    static int accounts(int scale) {
        return scale * ACCOUNTS_PER_BRANCH;
    }

    /**
     * The secondary key of account {@code aid}: {@code (aid - 1) * 61,813 mod accounts + 1}, a
     * permutation of {@code 1..accounts} ({@link #AKEY_MULTIPLIER} is coprime with every account
     * count), so neighbouring accounts have keys far apart.
     */
    static int akey(int aid, int accounts) {
        return (int) ((aid - 1) * AKEY_MULTIPLIER % accounts) + 1;
    }

    /**
     * The variables of one run of pgbench's {@code tpcb-like} script, drawn as its {@code \set}
     * lines draw them: {@code aid random(1, 100000 * scale)}, {@code bid random(1, scale)},
     * {@code tid random(1, 10 * scale)}, {@code delta random(-5000, 5000)}. The teller need not
     * belong to the branch, as in pgbench. The insert and update phases use them too.
     */
    record Params(int aid, int bid, int tid, int delta) {
        static Params next(SplittableRandom rnd, int scale) {
            int aid = 1 + rnd.nextInt(accounts(scale));
            int bid = 1 + rnd.nextInt(scale);
            int tid = 1 + rnd.nextInt(TELLERS_PER_BRANCH * scale);
            int delta = rnd.nextInt(-5000, 5001);
            return new Params(aid, bid, tid, delta);
        }
    }

    /**
     * Creates the tables and loads them at {@code scale}, accounts in transactions of
     * {@code batch} rows; then builds the secondary index and runs {@code ANALYZE}.
     *
     * @param tx how the connection runs a transaction block
     * @return the rows loaded
     */
    static long load(Connection c, TransactionBlocks tx, int scale, int batch) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
        int accounts = accounts(scale);
        long rows = 0;
        tx.enter();
        try {
            rows += insertRange(c, "INSERT INTO pgbench_branches (bid, bbalance) VALUES (?, 0)", scale, batch, tx,
                    (ps, id) -> ps.setInt(1, id));
            rows += insertRange(c, "INSERT INTO pgbench_tellers (tid, bid, tbalance) VALUES (?, ?, 0)",
                    TELLERS_PER_BRANCH * scale, batch, tx, (ps, id) -> {
                        ps.setInt(1, id);
                        ps.setInt(2, (id - 1) / TELLERS_PER_BRANCH + 1);
                    });
            rows += insertRange(c, "INSERT INTO pgbench_accounts (aid, bid, abalance, filler, akey) VALUES (?, ?, 0, '', ?)",
                    accounts, batch, tx, (ps, id) -> {
                        ps.setInt(1, id);
                        ps.setInt(2, (id - 1) / ACCOUNTS_PER_BRANCH + 1);
                        ps.setInt(3, akey(id, accounts));
                    });
        } finally {
            tx.leave();
        }
        try (Statement s = c.createStatement()) {
            s.execute(INDEX);
            s.execute("ANALYZE");
        }
        return rows;
    }

    /** Binds the parameters of one loaded row. */
    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement ps, int id) throws SQLException;
    }

    /** Inserts ids {@code 1..n} through {@code sql}, a transaction per {@code batch} rows. */
    private static long insertRange(Connection c, String sql, int n, int batch, TransactionBlocks tx, RowBinder binder)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (int id = 1; id <= n; id++) {
                if (pending == 0) {
                    tx.begin();
                }
                binder.bind(ps, id);
                ps.addBatch();
                if (++pending == batch || id == n) {
                    ps.executeBatch();
                    tx.commit();
                    pending = 0;
                }
            }
        }
        return n;
    }

    /**
     * The totals the consistency check compares.
     *
     * @param accounts {@code sum(abalance)}
     * @param branches {@code sum(bbalance)}
     * @param tellers {@code sum(tbalance)}
     * @param history {@code sum(delta)}
     * @param historyRows {@code count(*)} of {@code pgbench_history}
     */
    record Sums(long accounts, long branches, long tellers, long history, long historyRows) {
        /** Reads the totals in one statement each (auto-commit). */
        static Sums read(Connection c) throws SQLException {
            return new Sums(sum(c, "SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts"),
                    sum(c, "SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches"),
                    sum(c, "SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers"),
                    sum(c, "SELECT coalesce(sum(delta), 0) FROM pgbench_history"),
                    sum(c, "SELECT count(*) FROM pgbench_history"));
        }

        private static long sum(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                if (!r.next()) {
                    throw new SQLException("no row from " + sql);
                }
                return r.getLong(1);
            }
        }

        /**
         * Checks pgbench's invariant: every committed TPC-B transaction added its delta once to an
         * account, a teller, a branch and the history, so {@code sum(abalance) = sum(bbalance) =
         * sum(tbalance) = sum(delta)} — after taking out what the autocommit phases did: the
         * update phase added {@code updateDeltas} to accounts alone, the insert phase
         * {@code insertDeltas} to the history alone ({@code insertRows} rows).
         *
         * @param tpcbCommits TPC-B transactions the clients saw commit
         * @return null if the totals agree, else what differs
         */
        String check(long updateDeltas, long insertDeltas, long insertRows, long tpcbCommits) {
            long a = accounts - updateDeltas;
            long h = history - insertDeltas;
            long rows = historyRows - insertRows;
            if (a == branches && a == tellers && a == h && rows == tpcbCommits) {
                return null;
            }
            return String.format(Locale.ROOT,
                    "sum(abalance) - update phase deltas = %d, sum(bbalance) = %d, sum(tbalance) = %d, "
                            + "sum(delta) - insert phase deltas = %d, TPC-B history rows = %d for %d commits",
                    a, branches, tellers, h, rows, tpcbCommits);
        }

        /** @return the totals, for the report */
        String describe() {
            return String.format(Locale.ROOT, "sum(abalance)=%d sum(bbalance)=%d sum(tbalance)=%d sum(delta)=%d history rows=%d",
                    accounts, branches, tellers, history, historyRows);
        }
    }
}
