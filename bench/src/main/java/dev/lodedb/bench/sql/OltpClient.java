package dev.lodedb.bench.sql;

import dev.lodedb.bench.sql.OltpSchema.Params;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One client of the oltp workload: a connection of its own with the phases' prepared statements,
 * used by one thread at a time. Each method is one measured operation; writes are retried on the
 * errors {@link Retries} names (the retry's time counts in the operation's latency).
 */
final class OltpClient implements AutoCloseable {
    /** The work of one attempt. */
    @FunctionalInterface
    private interface Attempt {
        void run() throws SQLException;
    }

    private final JdbcEngine engine;
    private final Connection c;
    private final TransactionBlocks tx;
    private final PreparedStatement selectByAkey;
    private final PreparedStatement updateAccount;
    private final PreparedStatement selectBalance;
    private final PreparedStatement updateTeller;
    private final PreparedStatement updateBranch;
    private final PreparedStatement insertHistory;

    /**
     * Opens a connection with the engine's session settings and the oltp workload's (see
     * {@link #sessionSettings}).
     */
    OltpClient(JdbcEngine engine, String url, String sqliteSynchronous) throws SQLException {
        this.engine = engine;
        this.c = connect(engine, url, sqliteSynchronous);
        try {
            tx = TransactionBlocks.of(c);
            selectByAkey = c.prepareStatement(OltpSchema.SELECT_BY_AKEY);
            updateAccount = c.prepareStatement(OltpSchema.UPDATE_ACCOUNT);
            selectBalance = c.prepareStatement(OltpSchema.SELECT_BALANCE);
            updateTeller = c.prepareStatement(OltpSchema.UPDATE_TELLER);
            updateBranch = c.prepareStatement(OltpSchema.UPDATE_BRANCH);
            insertHistory = c.prepareStatement(OltpSchema.INSERT_HISTORY);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Opens a connection of {@code engine} with its session settings ({@link JdbcEngine#connect})
     * and the oltp workload's: SQLite's {@code synchronous} pragma (per connection) as asked; H2's
     * lock timeout 10 s (SQLite's busy timeout; H2's default is 1 s).
     */
    static Connection connect(JdbcEngine engine, String url, String sqliteSynchronous) throws SQLException {
        Connection conn = engine.connect(url);
        try (Statement s = conn.createStatement()) {
            for (String sql : sessionSettings(engine, sqliteSynchronous)) {
                s.execute(sql);
            }
        } catch (SQLException | RuntimeException e) {
            conn.close();
            throw e;
        }
        return conn;
    }

    /** @return the statements {@link #connect} runs on a new connection of {@code engine} */
    static List<String> sessionSettings(JdbcEngine engine, String sqliteSynchronous) {
        List<String> out = new ArrayList<>();
        if (engine == JdbcEngine.SQLITE) {
            out.add("PRAGMA synchronous = " + sqliteSynchronous);
        } else if (engine == JdbcEngine.H2) {
            out.add("SET LOCK_TIMEOUT 10000");
        }
        return out;
    }

    /** @return how this client runs transaction blocks */
    TransactionBlocks blocks() {
        return tx;
    }

    /**
     * The select phase: {@code SELECT aid, abalance FROM pgbench_accounts WHERE akey = ?}.
     *
     * @return whether exactly the account with that secondary key came back
     */
    boolean selectByAkey(int akey, int accounts) throws SQLException {
        selectByAkey.setInt(1, akey);
        try (ResultSet r = selectByAkey.executeQuery()) {
            if (!r.next()) {
                return false;
            }
            int aid = r.getInt(1);
            r.getInt(2);
            return OltpSchema.akey(aid, accounts) == akey && !r.next();
        }
    }

    /** The insert phase: pgbench's history insert, in auto-commit. */
    void insert(Params p, Retries retries) throws SQLException {
        retry(retries, false, () -> insertHistory(p));
    }

    /** The update phase: pgbench's account update by primary key, in auto-commit. */
    void update(Params p, Retries retries) throws SQLException {
        retry(retries, false, () -> updateAccount(p));
    }

    /**
     * The tpcb phase: pgbench's built-in {@code tpcb-like} script, one transaction block:
     * UPDATE accounts, SELECT abalance, UPDATE tellers, UPDATE branches, INSERT history, COMMIT.
     * Call between {@code blocks().enter()} and {@code blocks().leave()}.
     */
    void tpcb(Params p, Retries retries) throws SQLException {
        retry(retries, true, () -> {
            updateAccount(p);
            selectBalance.setInt(1, p.aid());
            try (ResultSet r = selectBalance.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("account " + p.aid() + " not found");
                }
                r.getInt(1);
            }
            updateTeller.setInt(1, p.delta());
            updateTeller.setInt(2, p.tid());
            expectOneRow(updateTeller.executeUpdate(), "teller", p.tid());
            updateBranch.setInt(1, p.delta());
            updateBranch.setInt(2, p.bid());
            expectOneRow(updateBranch.executeUpdate(), "branch", p.bid());
            insertHistory(p);
        });
    }

    private void updateAccount(Params p) throws SQLException {
        updateAccount.setInt(1, p.delta());
        updateAccount.setInt(2, p.aid());
        expectOneRow(updateAccount.executeUpdate(), "account", p.aid());
    }

    private void insertHistory(Params p) throws SQLException {
        insertHistory.setInt(1, p.tid());
        insertHistory.setInt(2, p.bid());
        insertHistory.setInt(3, p.aid());
        insertHistory.setInt(4, p.delta());
        expectOneRow(insertHistory.executeUpdate(), "history insert", p.aid());
    }

    private static void expectOneRow(int count, String what, int id) throws SQLException {
        if (count != 1) {
            throw new SQLException(what + " " + id + ": " + count + " rows changed, expected 1");
        }
    }

    /**
     * Runs {@code attempt} (in a block if {@code block}) until it succeeds, rolling back and
     * counting each retryable failure.
     */
    private void retry(Retries retries, boolean block, Attempt attempt) throws SQLException {
        for (int attempts = 1;; attempts++) {
            try {
                if (block) {
                    tx.begin();
                }
                attempt.run();
                if (block) {
                    tx.commit();
                }
                return;
            } catch (SQLException e) {
                if (block) {
                    rollbackQuietly();
                }
                String reason = Retries.reason(engine, e);
                if (reason == null || attempts >= Retries.MAX_ATTEMPTS) {
                    throw e;
                }
                retries.count(reason);
            }
        }
    }

    /** Ends a block after a failure; the failure is what counts. */
    void rollbackQuietly() {
        try {
            tx.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // no block open, or the connection is broken: the caller reports the first error
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
