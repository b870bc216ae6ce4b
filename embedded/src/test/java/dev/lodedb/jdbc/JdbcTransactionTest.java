package dev.lodedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions through JDBC: auto-commit, commit/rollback, savepoints, isolation, read-only, as pgjdbc. */
class JdbcTransactionTest {
    private String url;
    /** Keeps the named in-memory database open between the connections of a test. */
    private Connection keeper;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:lode:mem:" + UUID.randomUUID();
        keeper = DriverManager.getConnection(url);
        try (Statement s = keeper.createStatement()) {
            s.execute("CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL)");
            s.execute("INSERT INTO account VALUES (1, 100), (2, 0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        keeper.close();
    }

    private static int balance(Connection c, int id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            p.setInt(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String sqlState(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void manualCommitIsInvisibleToOthersUntilCommit() throws SQLException {
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            assertThat(a.getAutoCommit()).isFalse();
            a.commit(); // no block open: nothing happens, as in pgjdbc
            a.rollback();
            update(a, "UPDATE account SET balance = balance - 10 WHERE id = 1");
            update(a, "UPDATE account SET balance = balance + 10 WHERE id = 2");
            assertThat(a.unwrap(LodeConnection.class).session().inTransaction()).isTrue();
            assertThat(balance(a, 1)).isEqualTo(90);
            assertThat(balance(b, 1)).isEqualTo(100);
            a.commit();
            assertThat(balance(b, 1)).isEqualTo(90);
            assertThat(balance(b, 2)).isEqualTo(10);
            assertThat((Object) a.getWarnings()).isNull();
        }
    }

    @Test
    void rollbackForgetsTheBlock() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            update(a, "DELETE FROM account");
            assertThat(balance(keeper, 1)).isEqualTo(100);
            a.rollback();
            assertThat(balance(a, 1)).isEqualTo(100);
            update(a, "UPDATE account SET balance = 7 WHERE id = 1"); // a new block
            a.rollback();
            assertThat(balance(keeper, 1)).isEqualTo(100);
        }
    }

    @Test
    void autoCommitOnCommitsTheOpenBlockAndOffMakesCommitLegal() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            assertThat(a.getAutoCommit()).isTrue();
            assertThatThrownBy(a::commit).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot commit when autoCommit is enabled.")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P01"));
            assertThatThrownBy(a::rollback).hasMessage("Cannot rollback when autoCommit is enabled.");
            assertThatThrownBy(a::setSavepoint).hasMessage("Cannot establish a savepoint in auto-commit mode.");
            a.setAutoCommit(false);
            update(a, "UPDATE account SET balance = 1 WHERE id = 1");
            assertThat(balance(keeper, 1)).isEqualTo(100);
            a.setAutoCommit(true);
            assertThat(balance(keeper, 1)).isEqualTo(1);
            update(a, "UPDATE account SET balance = 2 WHERE id = 1"); // auto-commit again
            assertThat(balance(keeper, 1)).isEqualTo(2);
        }
    }

    @Test
    void aFailedStatementFailsTheBlockUntilRollback() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            update(a, "UPDATE account SET balance = 5 WHERE id = 1");
            assertThatThrownBy(() -> update(a, "INSERT INTO account VALUES (1, 0)"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
            assertThatThrownBy(() -> balance(a, 2)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("current transaction is aborted")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P02"));
            a.rollback();
            assertThat(balance(a, 1)).isEqualTo(100);
            a.commit();
        }
    }

    @Test
    void commitOfAFailedBlockRollsBackWithAWarningAsPgjdbc() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            update(a, "UPDATE account SET balance = 5 WHERE id = 1");
            assertThatThrownBy(() -> update(a, "UPDATE account SET balance = 1 / 0")).isInstanceOf(SQLException.class);
            a.commit();
            assertThat((Object) a.getWarnings()).isNotNull();
            assertThat(a.getWarnings().getSQLState()).isEqualTo("25P02");
            assertThat(balance(a, 1)).isEqualTo(100);
            a.commit();
        }
    }

    @Test
    void closeRollsBackTheOpenBlock() throws SQLException {
        Connection a = DriverManager.getConnection(url);
        a.setAutoCommit(false);
        update(a, "UPDATE account SET balance = 0 WHERE id = 1");
        a.close();
        assertThat(balance(keeper, 1)).isEqualTo(100);
    }

    @Test
    void savepoints() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            Savepoint first = a.setSavepoint(); // opens the block, as in pgjdbc
            assertThat(a.unwrap(LodeConnection.class).session().inTransaction()).isTrue();
            assertThat(first.getSavepointId()).isZero();
            assertThatThrownBy(first::getSavepointName).hasMessage("Cannot retrieve the name of an unnamed savepoint.");
            update(a, "UPDATE account SET balance = 1 WHERE id = 1");
            Savepoint named = a.setSavepoint("before \"two\"");
            assertThat(named.getSavepointName()).isEqualTo("before \"two\"");
            assertThatThrownBy(named::getSavepointId).hasMessage("Cannot retrieve the id of a named savepoint.");
            update(a, "UPDATE account SET balance = 2 WHERE id = 1");
            a.rollback(named);
            assertThat(balance(a, 1)).isEqualTo(1);
            Savepoint second = a.setSavepoint();
            assertThat(second.getSavepointId()).isEqualTo(1);
            update(a, "UPDATE account SET balance = 3 WHERE id = 1");
            a.releaseSavepoint(second);
            assertThatThrownBy(() -> a.rollback(second)).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot reference a savepoint after it has been released.");
            assertThat(balance(a, 1)).isEqualTo(3);
            a.rollback(first);
            assertThat(balance(a, 1)).isEqualTo(100);
            update(a, "UPDATE account SET balance = 4 WHERE id = 1");
            a.commit();
            assertThat(balance(keeper, 1)).isEqualTo(4);
            assertThatThrownBy(() -> a.rollback(first)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P01"));
        }
    }

    @Test
    void rollbackToASavepointEndsTheFailedState() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            update(a, "UPDATE account SET balance = 1 WHERE id = 1");
            Savepoint sp = a.setSavepoint("sp");
            assertThatThrownBy(() -> update(a, "INSERT INTO account VALUES (2, 0)")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> balance(a, 1)).satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P02"));
            a.rollback(sp);
            a.commit();
            assertThat(balance(keeper, 1)).isEqualTo(1);
        }
    }

    @Test
    void isolationLevelRoundTripAndTheMiddleOfATransaction() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            for (int level : new int[] {Connection.TRANSACTION_SERIALIZABLE, Connection.TRANSACTION_REPEATABLE_READ,
                    Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED}) {
                a.setTransactionIsolation(level);
                assertThat(a.getTransactionIsolation()).isEqualTo(level);
            }
            assertThatThrownBy(() -> a.setTransactionIsolation(42)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("0A000"));
            a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            a.setAutoCommit(false);
            balance(a, 1);
            try (Statement s = a.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("serializable");
            }
            assertThatThrownBy(() -> a.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED))
                    .isInstanceOf(SQLException.class)
                    .hasMessage("Cannot change transaction isolation level in the middle of a transaction.")
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25001"));
            a.commit();
            a.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    void readOnlyTransactionsRefuseWrites() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setReadOnly(true);
            assertThat(a.isReadOnly()).isTrue();
            update(a, "UPDATE account SET balance = 1 WHERE id = 1"); // auto-commit: not restricted (pgjdbc)
            a.setAutoCommit(false);
            assertThat(balance(a, 1)).isEqualTo(1);
            assertThatThrownBy(() -> update(a, "UPDATE account SET balance = 2 WHERE id = 1"))
                    .isInstanceOf(SQLException.class).satisfies(e -> assertThat(sqlState(e)).isEqualTo("25006"));
            assertThatThrownBy(() -> a.setReadOnly(false))
                    .hasMessage("Cannot change transaction read-only property in the middle of a transaction.");
            a.rollback();
            a.setReadOnly(false);
            update(a, "UPDATE account SET balance = 2 WHERE id = 1");
            a.commit();
            assertThat(balance(keeper, 1)).isEqualTo(2);
        }
    }

    @Test
    void batchesJoinTheBlock() throws SQLException {
        try (Connection a = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            try (PreparedStatement p = a.prepareStatement("INSERT INTO account VALUES (?, ?)")) {
                for (int i = 10; i < 13; i++) {
                    p.setInt(1, i);
                    p.setInt(2, i);
                    p.addBatch();
                }
                assertThat(p.executeBatch()).containsExactly(1, 1, 1);
            }
            try (Statement s = a.createStatement()) {
                s.addBatch("UPDATE account SET balance = 0 WHERE id = 10");
                s.addBatch("DELETE FROM account WHERE id = 11");
                assertThat(s.executeBatch()).containsExactly(1, 1);
            }
            assertThat(count(keeper)).isEqualTo(2);
            assertThat(count(a)).isEqualTo(4);
            a.rollback();
            assertThat(count(a)).isEqualTo(2);
            try (Statement s = a.createStatement()) {
                s.addBatch("INSERT INTO account VALUES (20, 0)");
                s.addBatch("INSERT INTO account VALUES (1, 0)");
                assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class);
            }
            assertThatThrownBy(() -> count(a)).satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P02"));
            a.rollback();
            assertThat(count(a)).isEqualTo(2);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM account")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * pgjdbc reads a result into memory before the next statement: a result set read in a block
     * keeps the rows of its own statement when the block runs another statement or commits.
     */
    @Test
    void resultSetsOfABlockOutliveLaterStatementsAndTheCommit() throws SQLException {
        try (Connection a = DriverManager.getConnection(url); Statement s = a.createStatement()) {
            s.execute("INSERT INTO account SELECT g, g FROM generate_series(3, 3000) g");
            for (int level : new int[] {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ}) {
                a.setTransactionIsolation(level);
                a.setAutoCommit(false);
                s.execute("INSERT INTO account SELECT g, g FROM generate_series(3001, 5000) g");
                try (ResultSet rs = s.executeQuery("SELECT id FROM account ORDER BY id")) {
                    assertThat(rs.next()).isTrue();
                    update(a, "DELETE FROM account WHERE id > 2");
                    a.commit();
                    int n = 1;
                    while (rs.next()) {
                        n++;
                    }
                    assertThat(n).isEqualTo(5000);
                }
                assertThat(count(a)).isEqualTo(2);
                a.setAutoCommit(true);
                s.execute("INSERT INTO account SELECT g, g FROM generate_series(3, 3000) g");
            }
        }
    }

    @Test
    void dataDefinitionInABlockIsTransactional() throws SQLException {
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
            a.setAutoCommit(false);
            update(a, "CREATE TABLE t (x int)");
            update(a, "INSERT INTO t VALUES (1)");
            a.rollback();
            assertThatThrownBy(() -> update(b, "SELECT * FROM t")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42P01"));
            update(a, "CREATE TABLE t (x int)");
            update(a, "INSERT INTO t VALUES (1)");
            a.commit();
            try (Statement s = b.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void metaDataDescribesTransactions() throws SQLException {
        DatabaseMetaData md = keeper.getMetaData();
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
                Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
            assertThat(md.supportsTransactionIsolationLevel(level)).isTrue();
        }
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE)).isFalse();
        assertThat(md.supportsSavepoints()).isTrue();
        assertThat(md.supportsMultipleTransactions()).isTrue();
        assertThat(md.supportsDataManipulationTransactionsOnly()).isFalse();
        assertThat(md.supportsDataDefinitionAndDataManipulationTransactions()).isTrue();
        assertThat(md.dataDefinitionCausesTransactionCommit()).isFalse();
        assertThat(md.dataDefinitionIgnoredInTransactions()).isFalse();
    }

    /**
     * A lost update prevented: T1 and T2 read the same balance at REPEATABLE READ; T1 writes and
     * holds the row lock; T2's write waits for it, and when T1 commits, T2 fails with 40001 instead
     * of overwriting T1's change with one computed from a stale read.
     */
    @Test
    void concurrentUpdateUnderRepeatableReadFailsWith40001() throws Exception {
        try (Connection t1 = DriverManager.getConnection(url); Connection t2 = DriverManager.getConnection(url)) {
            for (Connection c : new Connection[] {t1, t2}) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
                assertThat(balance(c, 1)).isEqualTo(100); // both snapshots taken
            }
            update(t1, "UPDATE account SET balance = 110 WHERE id = 1"); // T1 holds the row lock

            CountDownLatch started = new CountDownLatch(1);
            Thread[] worker = new Thread[1];
            CompletableFuture<Integer> t2Update = CompletableFuture.supplyAsync(() -> {
                worker[0] = Thread.currentThread();
                started.countDown();
                try (Statement s = t2.createStatement()) {
                    return s.executeUpdate("UPDATE account SET balance = 120 WHERE id = 1");
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, runnable -> new Thread(runnable, "t2").start());
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            awaitBlockedOnALock(worker[0]);
            assertThat(t2Update).isNotDone();

            t1.commit();
            assertThatThrownBy(() -> t2Update.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SQLTransactionRollbackException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"));
            t2.rollback();
            assertThat(balance(t2, 1)).isEqualTo(110);
        }
    }

    /** Waits until {@code t} waits inside the lock manager (it polls every 50 ms, so it stays there). */
    private static void awaitBlockedOnALock(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.State st = t.getState();
            if (st == Thread.State.TIMED_WAITING || st == Thread.State.WAITING) {
                for (StackTraceElement e : t.getStackTrace()) {
                    if (e.getClassName().endsWith("LockManager")) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the second transaction never waited for the row lock");
    }
}
