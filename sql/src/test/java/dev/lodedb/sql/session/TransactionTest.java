package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.exec.DataChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transaction blocks, savepoints, isolation levels and their conflicts, with several sessions. */
class TransactionTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        pool = Executors.newCachedThreadPool();
        t.exec("CREATE TABLE acct (id int PRIMARY KEY, balance int NOT NULL)");
        t.exec("INSERT INTO acct VALUES (1, 100), (2, 100)");
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        t.close();
    }

    /** A second connection. */
    static final class Conn implements AutoCloseable {
        final SqlSession s;

        Conn(SqlDatabase db) {
            s = db.openSession();
        }

        String exec(String sql) {
            try (StatementResult r = s.executeScript(sql)) {
                while (r.next() != null) {
                    // drain
                }
                return r.commandTag();
            }
        }

        List<String> rows(String sql) {
            List<String> out = new ArrayList<>();
            try (StatementResult r = s.executeScript(sql)) {
                DataChunk c;
                while ((c = r.next()) != null) {
                    for (int k = 0; k < c.size(); k++) {
                        StringBuilder sb = new StringBuilder();
                        Object[] row = c.rowValues(k);
                        for (int i = 0; i < row.length; i++) {
                            sb.append(i > 0 ? "|" : "").append(row[i]);
                        }
                        out.add(sb.toString());
                    }
                }
            }
            return out;
        }

        String value(String sql) {
            List<String> r = rows(sql);
            assertThat(r).hasSize(1);
            return r.get(0);
        }

        @Override
        public void close() {
            s.close();
        }
    }

    private Conn conn() {
        return new Conn(t.db);
    }

    private static String sqlState(Throwable e) {
        Throwable c = e;
        while (c != null && !(c instanceof SqlException)) {
            c = c.getCause();
        }
        return c == null ? null : ((SqlException) c).sqlState();
    }

    @Test
    void commitMakesWritesVisibleAndRollbackDiscardsThem() {
        try (Conn a = conn(); Conn b = conn()) {
            assertThat(a.exec("BEGIN")).isEqualTo("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 50)");
            a.exec("UPDATE acct SET balance = balance - 30 WHERE id = 1");
            assertThat(a.value("SELECT sum(balance) FROM acct")).isEqualTo("220");
            assertThat(a.value("SELECT count(*) FROM acct")).isEqualTo("3");
            // b sees none of it before the commit
            assertThat(b.value("SELECT sum(balance) FROM acct")).isEqualTo("200");
            assertThat(a.exec("COMMIT")).isEqualTo("COMMIT");
            assertThat(b.value("SELECT sum(balance) FROM acct")).isEqualTo("220");

            a.exec("BEGIN");
            a.exec("DELETE FROM acct WHERE id = 3");
            assertThat(a.value("SELECT count(*) FROM acct")).isEqualTo("2");
            assertThat(a.exec("ROLLBACK")).isEqualTo("ROLLBACK");
            assertThat(b.value("SELECT count(*) FROM acct")).isEqualTo("3");
        }
    }

    @Test
    void readsOfTheBlockSeeItsOwnWritesThroughIndexesAndOrder() {
        t.exec("CREATE INDEX acct_balance ON acct (balance)");
        try (Conn a = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 7), (4, 500)");
            a.exec("UPDATE acct SET balance = 5 WHERE id = 1");
            a.exec("DELETE FROM acct WHERE id = 2");
            a.exec("SET enable_seqscan = off");
            assertThat(a.rows("SELECT id FROM acct WHERE balance < 10 ORDER BY balance")).containsExactly("1", "3");
            assertThat(String.join("\n", a.rows("EXPLAIN ANALYZE SELECT id FROM acct WHERE balance < 10")))
                    .contains("Index").contains("rows=2");
            assertThat(a.rows("SELECT id FROM acct ORDER BY id DESC")).containsExactly("4", "3", "1");
            // a unique check sees the block's own rows
            assertThatThrownBy(() -> a.exec("INSERT INTO acct VALUES (3, 1)"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
            a.exec("ROLLBACK");
            assertThat(a.rows("SELECT id FROM acct WHERE balance < 10")).isEmpty();
        }
    }

    @Test
    void aFailedStatementAbortsTheBlockUntilRollback() {
        try (Conn a = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 1)");
            assertThatThrownBy(() -> a.exec("SELECT 1/0")).satisfies(e -> assertThat(sqlState(e)).isEqualTo("22012"));
            assertThat(a.s.transactionFailed()).isTrue();
            assertThatThrownBy(() -> a.exec("SELECT 1")).satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P02"))
                    .hasMessageContaining("current transaction is aborted");
            // COMMIT of a failed block rolls back
            assertThat(a.exec("COMMIT")).isEqualTo("ROLLBACK");
            assertThat(a.value("SELECT count(*) FROM acct")).isEqualTo("2");
        }
    }

    @Test
    void savepoints() {
        try (Conn a = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 1)");
            a.exec("SAVEPOINT s1");
            a.exec("INSERT INTO acct VALUES (4, 1)");
            a.exec("SAVEPOINT s2");
            a.exec("UPDATE acct SET balance = 0");
            assertThat(a.exec("ROLLBACK TO SAVEPOINT s2")).isEqualTo("ROLLBACK");
            assertThat(a.value("SELECT sum(balance) FROM acct")).isEqualTo("202");
            a.exec("ROLLBACK TO s1");
            assertThat(a.value("SELECT count(*) FROM acct")).isEqualTo("3");
            // an error after a savepoint: rolling back to it resumes the block
            assertThatThrownBy(() -> a.exec("INSERT INTO acct VALUES (1, 1)"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
            a.exec("ROLLBACK TO s1");
            a.exec("INSERT INTO acct VALUES (5, 1)");
            a.exec("RELEASE SAVEPOINT s1");
            assertThatThrownBy(() -> a.exec("ROLLBACK TO s1")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("3B001")).hasMessageContaining("savepoint \"s1\" does not exist");
            a.exec("ROLLBACK");
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 1)");
            a.exec("SAVEPOINT x");
            a.exec("INSERT INTO acct VALUES (5, 1)");
            a.exec("RELEASE x");
            a.exec("COMMIT");
            assertThat(a.rows("SELECT id FROM acct ORDER BY id")).containsExactly("1", "2", "3", "5");
        }
    }

    @Test
    void controlStatementsOutsideABlockWarnOrFail() {
        try (Conn a = conn()) {
            assertThatThrownBy(() -> a.exec("SAVEPOINT x")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("25P01"));
            try (StatementResult r = a.s.executeScript("COMMIT")) {
                assertThat(r.commandTag()).isEqualTo("COMMIT");
                assertThat(r.notices()).anyMatch(n -> n.contains("there is no transaction in progress"));
            }
            a.exec("BEGIN");
            try (StatementResult r = a.s.executeScript("BEGIN")) {
                assertThat(r.notices()).anyMatch(n -> n.contains("already a transaction in progress"));
            }
            assertThatThrownBy(() -> a.exec("VACUUM acct"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25001"));
            a.exec("ROLLBACK");
        }
    }

    @Test
    void setLocalLastsUntilTheEndOfTheBlock() {
        try (Conn a = conn()) {
            a.exec("BEGIN");
            a.exec("SET LOCAL synchronous_commit = off");
            a.exec("SET LOCAL lock_timeout = '5s'");
            assertThat(a.value("SHOW synchronous_commit")).isEqualTo("off");
            a.exec("INSERT INTO acct VALUES (3, 3)");
            a.exec("COMMIT");
            assertThat(a.value("SHOW synchronous_commit")).isEqualTo(t.session.synchronousCommit() ? "on" : "off");
            assertThat(a.value("SHOW lock_timeout")).isEqualTo("0");
            try (StatementResult r = a.s.executeScript("SET LOCAL lock_timeout = 1")) {
                assertThat(r.notices()).anyMatch(n -> n.contains("SET LOCAL can only be used in transaction blocks"));
            }
            assertThat(a.value("SHOW lock_timeout")).isEqualTo("0");
        }
    }

    @Test
    void earlyLockReleaseIsASessionSettingAndCommitsEitherWay() {
        try (Conn a = conn(); Conn b = conn()) {
            assertThat(a.value("SHOW early_lock_release")).isEqualTo("on");
            a.exec("SET early_lock_release = off");
            assertThat(a.value("SHOW early_lock_release")).isEqualTo("off");
            assertThatThrownBy(() -> a.exec("SET early_lock_release = sometimes"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("22023"))
                    .hasMessageContaining("requires a Boolean value");
            a.exec("INSERT INTO acct VALUES (10, 1)");
            a.exec("BEGIN");
            a.exec("UPDATE acct SET balance = balance + 1 WHERE id = 10");
            a.exec("COMMIT");
            // the other session (early release on) updates the same row after each commit
            b.exec("BEGIN");
            b.exec("UPDATE acct SET balance = balance * 10 WHERE id = 10");
            b.exec("COMMIT");
            b.exec("UPDATE acct SET balance = balance + 5 WHERE id = 10");
            a.exec("RESET early_lock_release");
            a.exec("UPDATE acct SET balance = balance - 1 WHERE id = 10");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 10")).isEqualTo("24");
            assertThat(b.value("SELECT balance FROM acct WHERE id = 10")).isEqualTo("24");
        }
    }

    @Test
    void readOnlyTransactionsRefuseWrites() {
        try (Conn a = conn()) {
            a.exec("BEGIN READ ONLY");
            assertThat(a.value("SHOW transaction_read_only")).isEqualTo("on");
            assertThatThrownBy(() -> a.exec("UPDATE acct SET balance = 0"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25006"))
                    .hasMessageContaining("cannot execute UPDATE in a read-only transaction");
            a.exec("ROLLBACK");
            a.exec("SET default_transaction_read_only = on");
            assertThatThrownBy(() -> a.exec("DELETE FROM acct")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("25006"));
        }
    }

    @Test
    void isolationLevelsAndTheirSnapshots() {
        try (Conn a = conn(); Conn b = conn()) {
            assertThat(a.value("SHOW transaction_isolation")).isEqualTo("read committed");
            a.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(a.value("SHOW transaction_isolation")).isEqualTo("repeatable read");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("100");
            b.exec("UPDATE acct SET balance = 1 WHERE id = 1");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("100");
            a.exec("COMMIT");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("1");

            a.exec("BEGIN"); // read committed: every statement a new snapshot
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("1");
            b.exec("UPDATE acct SET balance = 2 WHERE id = 1");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("2");
            a.exec("COMMIT");

            a.exec("BEGIN");
            a.exec("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertThat(a.value("SHOW transaction_isolation")).isEqualTo("serializable");
            a.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"); // no query yet: allowed
            assertThat(a.value("SELECT count(*) FROM acct")).isEqualTo("2");
            assertThatThrownBy(() -> a.exec("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25001"));
            a.exec("ROLLBACK");
            a.exec("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertThat(a.value("SHOW default_transaction_isolation")).isEqualTo("repeatable read");
        }
    }

    @Test
    void repeatableReadLostUpdateAbortsWith40001AfterTheFirstCommits() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
            b.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("100");
            assertThat(b.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("100");
            a.exec("UPDATE acct SET balance = balance + 10 WHERE id = 1");
            // b's update waits for a's row lock
            Future<String> bUpdate = pool.submit(() -> b.exec("UPDATE acct SET balance = balance + 20 WHERE id = 1"));
            Thread.sleep(100);
            assertThat(bUpdate.isDone()).isFalse();
            a.exec("COMMIT");
            assertThatThrownBy(() -> bUpdate.get(10, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"))
                    .hasMessageContaining("could not serialize access due to concurrent update")
                    .hasMessageContaining("table \"acct\"");
            b.exec("ROLLBACK");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("110");
        }
    }

    @Test
    void readCommittedUpdateWaitsThenRunsOnTheNewVersion() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("UPDATE acct SET balance = balance + 10 WHERE id = 1");
            Future<String> bUpdate = pool.submit(() -> b.exec("UPDATE acct SET balance = balance + 20 WHERE id = 1"));
            Thread.sleep(100);
            assertThat(bUpdate.isDone()).isFalse();
            a.exec("COMMIT");
            assertThat(bUpdate.get(10, TimeUnit.SECONDS)).isEqualTo("UPDATE 1");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("130");
        }
    }

    @Test
    void concurrentIncrementsAtReadCommittedLoseNothing() throws Exception {
        int threads = 4;
        int each = 100;
        List<Future<?>> fs = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                try (Conn c = conn()) {
                    start.await();
                    for (int k = 0; k < each; k++) {
                        c.exec("UPDATE acct SET balance = balance + 1 WHERE id = 1");
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(t.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo(String.valueOf(100 + threads * each));
    }

    @Test
    void writeSkewIsAllowedAtRepeatableReadAndRefusedAtSerializable() {
        t.exec("CREATE TABLE doctor (name text PRIMARY KEY, on_call boolean NOT NULL)");
        for (String level : new String[] {"REPEATABLE READ", "SERIALIZABLE"}) {
            t.exec("DELETE FROM doctor");
            t.exec("INSERT INTO doctor VALUES ('alice', true), ('bob', true)");
            try (Conn a = conn(); Conn b = conn()) {
                a.exec("BEGIN ISOLATION LEVEL " + level);
                b.exec("BEGIN ISOLATION LEVEL " + level);
                assertThat(a.value("SELECT count(*) FROM doctor WHERE on_call")).isEqualTo("2");
                assertThat(b.value("SELECT count(*) FROM doctor WHERE on_call")).isEqualTo("2");
                a.exec("UPDATE doctor SET on_call = false WHERE name = 'alice'");
                b.exec("UPDATE doctor SET on_call = false WHERE name = 'bob'");
                a.exec("COMMIT");
                if (level.equals("REPEATABLE READ")) {
                    b.exec("COMMIT");
                    assertThat(t.value("SELECT count(*) FROM doctor WHERE on_call")).isEqualTo("0");
                } else {
                    assertThatThrownBy(() -> b.exec("COMMIT")).satisfies(e -> assertThat(sqlState(e))
                            .isEqualTo("40001")).hasMessageContaining("doctor");
                    assertThat(t.value("SELECT count(*) FROM doctor WHERE on_call")).isEqualTo("1");
                    assertThat(b.s.inTransaction()).isFalse();
                }
            }
        }
    }

    @Test
    void serializableReadOnlyTransactionsNeverAbort() {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
            assertThat(a.value("SELECT sum(balance) FROM acct")).isEqualTo("200");
            b.exec("UPDATE acct SET balance = 0");
            assertThat(a.value("SELECT sum(balance) FROM acct")).isEqualTo("200");
            assertThat(a.exec("COMMIT")).isEqualTo("COMMIT");
        }
    }

    @Test
    void phantomInsertIntoARangeReadFailsSerializable() {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
            assertThat(a.value("SELECT count(*) FROM acct WHERE id BETWEEN 1 AND 10")).isEqualTo("2");
            a.exec("INSERT INTO acct VALUES (100, 2)");
            b.exec("INSERT INTO acct VALUES (5, 1)");
            assertThatThrownBy(() -> a.exec("COMMIT")).satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"));
        }
    }

    @Test
    void deadlocksAreDetected() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            b.exec("BEGIN");
            a.exec("UPDATE acct SET balance = 1 WHERE id = 1");
            b.exec("UPDATE acct SET balance = 2 WHERE id = 2");
            Future<String> aWaits = pool.submit(() -> a.exec("UPDATE acct SET balance = 1 WHERE id = 2"));
            Thread.sleep(100);
            assertThatThrownBy(() -> b.exec("UPDATE acct SET balance = 2 WHERE id = 1"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("40P01"))
                    .hasMessageContaining("deadlock detected");
            b.exec("ROLLBACK");
            assertThat(aWaits.get(10, TimeUnit.SECONDS)).isEqualTo("UPDATE 1");
            a.exec("COMMIT");
            assertThat(t.rows("SELECT balance FROM acct ORDER BY id")).containsExactly("1", "1");
        }
    }

    @Test
    void lockTimeout() {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("UPDATE acct SET balance = 1 WHERE id = 1");
            b.exec("SET lock_timeout = '50ms'");
            assertThatThrownBy(() -> b.exec("UPDATE acct SET balance = 2 WHERE id = 1"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("55P03"));
            a.exec("COMMIT");
        }
    }

    @Test
    void concurrentInsertsOfOneKeyGiveOneRowAndA23505() throws Exception {
        t.exec("CREATE TABLE u (id int PRIMARY KEY, email text UNIQUE)");
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO u VALUES (1, 'x@example.com')");
            Future<String> bInsert = pool.submit(() -> b.exec("INSERT INTO u VALUES (2, 'x@example.com')"));
            Thread.sleep(100);
            assertThat(bInsert.isDone()).isFalse();
            a.exec("COMMIT");
            assertThatThrownBy(() -> bInsert.get(10, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
            assertThat(t.value("SELECT count(*) FROM u")).isEqualTo("1");
        }
    }

    @Test
    void concurrentUpsertsAtReadCommittedAllLand() throws Exception {
        t.exec("CREATE TABLE counter (k text PRIMARY KEY, n int NOT NULL)");
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fs.add(CompletableFuture.runAsync(() -> {
                try (Conn c = conn()) {
                    for (int k = 0; k < 50; k++) {
                        c.exec("INSERT INTO counter VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = counter.n + 1");
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertThat(t.value("SELECT n FROM counter")).isEqualTo("200");
    }

    @Test
    void aChildInsertAndAConcurrentParentDeleteNeverLeaveAnOrphan() throws Exception {
        t.exec("CREATE TABLE parent (id int PRIMARY KEY)");
        t.exec("CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent (id))");
        t.exec("INSERT INTO parent VALUES (1)");
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO child VALUES (10, 1)");
            Future<String> del = pool.submit(() -> b.exec("DELETE FROM parent WHERE id = 1"));
            Thread.sleep(100);
            assertThat(del.isDone()).isFalse();
            a.exec("COMMIT");
            assertThatThrownBy(() -> del.get(10, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
            assertThat(t.value("SELECT count(*) FROM parent")).isEqualTo("1");
        }
    }

    @Test
    void ddlWaitsForOpenWritersAndWritersWaitForDdl() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 3)");
            Future<String> ddl = pool.submit(() -> b.exec("CREATE INDEX acct_b ON acct (balance)"));
            Thread.sleep(100);
            assertThat(ddl.isDone()).isFalse();
            a.exec("COMMIT");
            ddl.get(10, TimeUnit.SECONDS);
            t.exec("SET enable_seqscan = off");
            assertThat(t.rows("SELECT id FROM acct WHERE balance = 3")).containsExactly("3");
        }
    }

    @Test
    void ddlInABlockIsTransactional() {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("CREATE TABLE x (id int PRIMARY KEY, v text)");
            a.exec("INSERT INTO x VALUES (1, 'one'), (2, 'two')");
            a.exec("CREATE INDEX x_v ON x (v)");
            a.exec("INSERT INTO x VALUES (3, 'three')");
            a.exec("SET enable_seqscan = off");
            assertThat(a.rows("SELECT id FROM x WHERE v = 'three'")).containsExactly("3");
            assertThat(a.rows("SELECT id FROM x WHERE v = 'one'")).containsExactly("1");
            assertThatThrownBy(() -> b.exec("SELECT * FROM x")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("42P01"));
            a.exec("ROLLBACK");
            assertThatThrownBy(() -> a.exec("SELECT * FROM x")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("42P01"));

            a.exec("BEGIN");
            a.exec("CREATE TABLE x (id int PRIMARY KEY, v text)");
            a.exec("INSERT INTO x VALUES (1, 'one')");
            a.exec("CREATE UNIQUE INDEX x_v ON x (v)");
            a.exec("CREATE SEQUENCE x_seq");
            assertThat(a.value("SELECT nextval('x_seq')")).isEqualTo("1");
            a.exec("CREATE TABLE y AS SELECT id * 10 AS id FROM x");
            a.exec("COMMIT");
            assertThat(b.rows("SELECT id FROM y")).containsExactly("10");
            assertThatThrownBy(() -> b.exec("INSERT INTO x VALUES (2, 'one')"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
        }
        t.reopen();
        t.exec("SET enable_seqscan = off");
        assertThat(t.rows("SELECT id FROM x WHERE v = 'one'")).containsExactly("1");
    }

    @Test
    void dropAndTruncateInABlockRollBack() {
        t.exec("CREATE INDEX acct_balance ON acct (balance)");
        try (Conn a = conn()) {
            a.exec("BEGIN");
            a.exec("TRUNCATE acct");
            assertThat(a.value("SELECT count(*) FROM acct")).isEqualTo("0");
            a.exec("INSERT INTO acct VALUES (7, 100)");
            a.exec("SET enable_seqscan = off");
            assertThat(a.rows("SELECT id FROM acct WHERE balance = 100")).containsExactly("7");
            a.exec("SAVEPOINT s");
            a.exec("DROP TABLE acct");
            assertThatThrownBy(() -> a.exec("SELECT * FROM acct")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("42P01"));
            a.exec("ROLLBACK TO s");
            assertThat(a.rows("SELECT id FROM acct")).containsExactly("7");
            a.exec("ROLLBACK");
            assertThat(a.rows("SELECT id FROM acct ORDER BY id")).containsExactly("1", "2");
            assertThat(a.rows("SELECT id FROM acct WHERE balance = 100 ORDER BY id")).containsExactly("1", "2");

            a.exec("BEGIN");
            a.exec("TRUNCATE acct");
            a.exec("INSERT INTO acct VALUES (7, 100)");
            a.exec("COMMIT");
            assertThat(a.rows("SELECT id FROM acct WHERE balance = 100")).containsExactly("7");
            a.exec("BEGIN");
            a.exec("DROP TABLE acct");
            a.exec("COMMIT");
            assertThatThrownBy(() -> a.exec("SELECT * FROM acct")).satisfies(e -> assertThat(sqlState(e))
                    .isEqualTo("42P01"));
        }
    }

    @Test
    void aBlockWithDdlMakesOtherWritersWait() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            a.exec("ALTER TABLE acct ADD COLUMN note text");
            Future<String> insert = pool.submit(() -> b.exec("INSERT INTO acct VALUES (3, 3)"));
            Thread.sleep(100);
            assertThat(insert.isDone()).isFalse();
            // readers do not wait, and see the old definition
            assertThat(b.rows("SELECT * FROM acct WHERE id = 1")).containsExactly("1|100");
            a.exec("COMMIT");
            assertThat(insert.get(10, TimeUnit.SECONDS)).isEqualTo("INSERT 0 1");
            assertThat(b.rows("SELECT * FROM acct WHERE id = 3")).containsExactly("3|3|null");
        }
    }

    @Test
    void aResultOfTheBlockStaysWholeWhenTheBlockMovesOn() {
        t.exec("CREATE TABLE big AS SELECT g AS id, 0 AS v FROM generate_series(1, 5000) g");
        for (String level : new String[] {"READ COMMITTED", "REPEATABLE READ"}) {
            try (Conn a = conn()) {
                a.exec("BEGIN ISOLATION LEVEL " + level);
                a.exec("UPDATE big SET v = 1 WHERE id <= 10");
                try (StatementResult r = a.s.executeScript("SELECT id, v FROM big ORDER BY id")) {
                    DataChunk first = r.next();
                    long seen = first.size();
                    long ones = 0;
                    for (int k = 0; k < first.size(); k++) {
                        ones += ((Number) first.rowValues(k)[1]).longValue();
                    }
                    a.exec("UPDATE big SET v = 2"); // the open result is read into memory first
                    a.exec("COMMIT");
                    DataChunk c;
                    while ((c = r.next()) != null) {
                        for (int k = 0; k < c.size(); k++) {
                            ones += ((Number) c.rowValues(k)[1]).longValue();
                        }
                        seen += c.size();
                    }
                    assertThat(seen).as(level).isEqualTo(5000);
                    assertThat(ones).as(level).isEqualTo(10);
                    assertThat(r.updateCount()).as(level).isEqualTo(5000);
                }
                assertThat(a.value("SELECT sum(v) FROM big")).isEqualTo("10000");
                a.exec("UPDATE big SET v = 0");
            }
        }
    }

    @Test
    void selectForUpdateLocksTheRowsItReturns() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            // the read-modify-write of an application: without the lock, one update would be lost
            a.exec("BEGIN");
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1 FOR UPDATE")).isEqualTo("100");
            Future<String> bRead = pool.submit(() -> {
                b.exec("BEGIN");
                String v = b.value("SELECT balance FROM acct WHERE id = 1 FOR UPDATE");
                b.exec("UPDATE acct SET balance = " + (Integer.parseInt(v) + 5) + " WHERE id = 1");
                b.exec("COMMIT");
                return v;
            });
            Thread.sleep(100);
            assertThat(bRead.isDone()).isFalse();
            a.exec("UPDATE acct SET balance = 110 WHERE id = 1");
            a.exec("COMMIT");
            assertThat(bRead.get(10, TimeUnit.SECONDS)).isEqualTo("110"); // b read the committed value
            assertThat(a.value("SELECT balance FROM acct WHERE id = 1")).isEqualTo("115");

            // plain readers never wait
            a.exec("BEGIN");
            a.exec("SELECT * FROM acct WHERE id = 2 FOR UPDATE");
            assertThat(b.value("SELECT balance FROM acct WHERE id = 2")).isEqualTo("100");
            b.exec("BEGIN");
            assertThatThrownBy(() -> b.exec("SELECT * FROM acct WHERE id = 2 FOR UPDATE NOWAIT"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("55P03"))
                    .hasMessageContaining("could not obtain lock on row in relation \"acct\"");
            b.exec("ROLLBACK");
            a.exec("COMMIT");
        }
    }

    @Test
    void skipLockedHandsOutDifferentRows() {
        t.exec("CREATE TABLE job (id int PRIMARY KEY, done boolean NOT NULL)");
        t.exec("INSERT INTO job SELECT g, false FROM generate_series(1, 5) g");
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            b.exec("BEGIN");
            String q = "SELECT id FROM job WHERE NOT done ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED";
            assertThat(a.rows(q)).containsExactly("1", "2");
            assertThat(b.rows(q)).containsExactly("3", "4");
            a.exec("COMMIT");
            b.exec("COMMIT");
        }
    }

    @Test
    void forShareAndTheErrorsOfLockingClauses() throws Exception {
        try (Conn a = conn(); Conn b = conn()) {
            a.exec("BEGIN");
            b.exec("BEGIN");
            a.exec("SELECT * FROM acct WHERE id = 1 FOR SHARE");
            b.exec("SELECT * FROM acct WHERE id = 1 FOR KEY SHARE"); // shared locks do not conflict
            Future<String> upd = pool.submit(() -> t.exec("UPDATE acct SET balance = 0 WHERE id = 1") + "");
            Thread.sleep(100);
            assertThat(upd.isDone()).isFalse();
            a.exec("COMMIT");
            b.exec("COMMIT");
            upd.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> a.exec("SELECT count(*) FROM acct FOR UPDATE"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("0A000"))
                    .hasMessageContaining("FOR UPDATE is not allowed with aggregate functions");
            assertThatThrownBy(() -> a.exec("SELECT * FROM acct x JOIN acct y USING (id) FOR UPDATE OF x"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("0A000"));
            assertThatThrownBy(() -> a.exec("SELECT * FROM acct FOR UPDATE OF nosuch"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42P01"));
            a.exec("BEGIN READ ONLY");
            assertThatThrownBy(() -> a.exec("SELECT * FROM acct FOR UPDATE"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25006"))
                    .hasMessageContaining("cannot execute SELECT FOR UPDATE in a read-only transaction");
            a.exec("ROLLBACK");
            a.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
            a.exec("SELECT * FROM acct WHERE id = 2");
            b.exec("UPDATE acct SET balance = 1 WHERE id = 2");
            assertThatThrownBy(() -> a.exec("SELECT * FROM acct WHERE id = 2 FOR UPDATE"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"));
            a.exec("ROLLBACK");
        }
    }

    @Test
    void closingASessionRollsBackItsBlock() {
        Conn a = conn();
        a.exec("BEGIN");
        a.exec("DELETE FROM acct");
        a.close();
        assertThat(t.value("SELECT count(*) FROM acct")).isEqualTo("2");
        // and its locks are gone
        t.exec("UPDATE acct SET balance = 0");
    }

    @Test
    void committedBlocksSurviveReopen() {
        try (Conn a = conn()) {
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (3, 3)");
            a.exec("UPDATE acct SET balance = 0 WHERE id = 1");
            a.exec("COMMIT");
            a.exec("BEGIN");
            a.exec("INSERT INTO acct VALUES (4, 4)");
        }
        t.reopen();
        assertThat(t.rows("SELECT id || ':' || balance FROM acct ORDER BY id")).containsExactly("1:0", "2:100", "3:3");
    }
}
