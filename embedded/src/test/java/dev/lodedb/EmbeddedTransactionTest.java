package dev.lodedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.transaction.IsolationLevel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions through the embedded API: {@link Session#begin()} and {@link Database#inTransaction}. */
class EmbeddedTransactionTest {
    private Database db;

    @BeforeEach
    void open() {
        db = Lode.openInMemory();
        try (Session s = db.session()) {
            s.execute("CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL)");
            s.execute("INSERT INTO account VALUES (1, 100), (2, 0)");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static long balance(Session s, int id) {
        try (Rows r = s.query("SELECT balance FROM account WHERE id = $1", id)) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

    @Test
    void commitMakesTheBlockVisibleToOtherSessions() {
        try (Session a = db.session(); Session b = db.session()) {
            assertThat(a.inTransaction()).isFalse();
            a.begin();
            assertThat(a.inTransaction()).isTrue();
            a.execute("UPDATE account SET balance = balance - 10 WHERE id = 1");
            a.execute("UPDATE account SET balance = balance + 10 WHERE id = 2");
            assertThat(balance(a, 1)).isEqualTo(90);
            assertThat(balance(b, 1)).isEqualTo(100);
            a.commit();
            assertThat(a.inTransaction()).isFalse();
            assertThat(balance(b, 1)).isEqualTo(90);
            assertThat(balance(b, 2)).isEqualTo(10);
        }
    }

    @Test
    void rollbackForgetsTheBlockAndIsANoOpOutsideOne() {
        try (Session s = db.session()) {
            s.rollback();
            s.begin(IsolationLevel.SERIALIZABLE);
            try (Rows r = s.query("SHOW transaction_isolation")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("serializable");
            }
            s.execute("DELETE FROM account");
            s.rollback();
            assertThat(s.inTransaction()).isFalse();
            assertThat(balance(s, 1)).isEqualTo(100);
        }
    }

    @Test
    void misuseFailsWithTheTransactionStates() {
        try (Session s = db.session()) {
            assertThatThrownBy(s::commit).isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("25P01"));
            s.begin();
            assertThatThrownBy(s::begin).isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("25001"));
            s.rollback();
        }
    }

    @Test
    void commitOfAFailedBlockRollsBackAndThrows25P02() {
        try (Session s = db.session()) {
            s.begin();
            s.execute("UPDATE account SET balance = 1 WHERE id = 1");
            assertThatThrownBy(() -> s.execute("INSERT INTO account VALUES (1, 0)")).isInstanceOf(SqlException.class);
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("25P02"));
            assertThatThrownBy(s::commit).isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("25P02"));
            assertThat(s.inTransaction()).isFalse();
            assertThat(balance(s, 1)).isEqualTo(100);
        }
    }

    @Test
    void closeRollsBackAnOpenBlock() {
        try (Session s = db.session()) {
            s.begin();
            s.execute("UPDATE account SET balance = 0 WHERE id = 1");
        }
        try (Session s = db.session()) {
            assertThat(balance(s, 1)).isEqualTo(100);
        }
    }

    @Test
    void inTransactionCommitsAndReturnsTheResult() {
        long left = db.inTransaction(IsolationLevel.REPEATABLE_READ, s -> {
            s.execute("UPDATE account SET balance = balance - 30 WHERE id = 1");
            s.execute("UPDATE account SET balance = balance + 30 WHERE id = 2");
            return balance(s, 1);
        });
        assertThat(left).isEqualTo(70);
        try (Session s = db.session()) {
            assertThat(balance(s, 2)).isEqualTo(30);
        }
    }

    @Test
    void inTransactionRetriesASerializationFailure() {
        AtomicInteger attempts = new AtomicInteger();
        try (Session other = db.session()) {
            long result = db.inTransaction(IsolationLevel.REPEATABLE_READ, s -> {
                long seen = balance(s, 1); // takes the snapshot
                if (attempts.incrementAndGet() == 1) {
                    other.execute("UPDATE account SET balance = balance + 1 WHERE id = 1"); // commits after it
                }
                s.execute("UPDATE account SET balance = $1 WHERE id = 1", (int) seen + 10); // 40001 the first time
                return seen;
            });
            assertThat(attempts).hasValue(2);
            assertThat(result).isEqualTo(101);
            assertThat(balance(other, 1)).isEqualTo(111);
        }
    }

    @Test
    void inTransactionGivesUpAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        try (Session other = db.session()) {
            assertThatThrownBy(() -> db.inTransaction(IsolationLevel.REPEATABLE_READ, s -> {
                attempts.incrementAndGet();
                balance(s, 1);
                other.execute("UPDATE account SET balance = balance + 1 WHERE id = 1");
                return s.execute("UPDATE account SET balance = 0 WHERE id = 1");
            })).isInstanceOf(SqlException.class)
                    .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("40001"));
            assertThat(attempts).hasValue(Database.TRANSACTION_ATTEMPTS);
            assertThat(balance(other, 1)).isEqualTo(100 + Database.TRANSACTION_ATTEMPTS);
        }
    }

    /**
     * Two transactions lock rows 1 and 2 in opposite orders, both holding their first lock before
     * asking for the second: one of them is the deadlock's victim (40P01) and is run again.
     */
    @Test
    void inTransactionRetriesTheVictimOfADeadlock() throws Exception {
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Void> a = transferInThread(1, 2, bothHoldTheirFirstLock, attempts);
        CompletableFuture<Void> b = transferInThread(2, 1, bothHoldTheirFirstLock, attempts);
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);
        assertThat(attempts.get()).isGreaterThanOrEqualTo(3); // the victim's retry may also meet a 40001
        try (Session s = db.session()) {
            assertThat(balance(s, 1)).isEqualTo(102);
            assertThat(balance(s, 2)).isEqualTo(2);
        }
    }

    private CompletableFuture<Void> transferInThread(int first, int second, CyclicBarrier barrier,
            AtomicInteger attempts) {
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        return CompletableFuture.runAsync(() -> db.inTransaction(IsolationLevel.REPEATABLE_READ, s -> {
            attempts.incrementAndGet();
            s.execute("UPDATE account SET balance = balance + 1 WHERE id = $1", first);
            if (firstAttempt.getAndSet(false)) {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return s.execute("UPDATE account SET balance = balance + 1 WHERE id = $1", second);
        }), runnable -> new Thread(runnable, "transfer " + first + " to " + second).start());
    }

    @Test
    void inTransactionRollsBackOtherErrorsWithoutRetrying() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> db.inTransaction(IsolationLevel.READ_COMMITTED, s -> {
            attempts.incrementAndGet();
            s.execute("UPDATE account SET balance = 0 WHERE id = 1");
            throw new IllegalArgumentException("no");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
        try (Session s = db.session()) {
            assertThat(balance(s, 1)).isEqualTo(100);
        }
    }
}
