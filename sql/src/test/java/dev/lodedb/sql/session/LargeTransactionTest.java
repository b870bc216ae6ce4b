package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.transaction.UndoLog;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions whose writes outgrow {@code transaction_buffer_memory} (set to 64 kB here so that a
 * few thousand rows spill): they go into the store with an undo log, other sessions keep reading the
 * state before them, and COMMIT, ROLLBACK, ROLLBACK TO, constraint checks across the spill and a
 * crash all leave exactly what the rules say.
 */
class LargeTransactionTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE big (id int PRIMARY KEY, code text UNIQUE, n int)");
        t.exec("CREATE INDEX big_n ON big (n)");
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1, 100) g");
        t.exec("SET transaction_buffer_memory = '64kB'");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private TransactionTest.Conn conn() {
        return new TransactionTest.Conn(t.db);
    }

    private Transaction block() {
        return t.session.transaction();
    }

    private long undoRecords() {
        long n = 0;
        try (StoreIterator it = t.db.store().newIterator(ReadOptions.DEFAULT.withBounds(new byte[] {UndoLog.PREFIX},
                new byte[] {UndoLog.PREFIX + 1}))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        return n;
    }

    /** Every access path gives the same rows: the secondary indexes agree with the table. */
    private void assertIndexesAgree() {
        t.exec("SET enable_indexscan = off");
        t.exec("SET enable_indexonlyscan = off");
        List<String> scan = t.rows("SELECT id, code, n FROM big WHERE n = 3 ORDER BY id");
        String codes = t.value("SELECT count(*) FROM big WHERE code LIKE 'c1%'");
        t.exec("RESET enable_indexscan");
        t.exec("RESET enable_indexonlyscan");
        t.exec("SET enable_seqscan = off");
        assertThat(t.rows("SELECT id, code, n FROM big WHERE n = 3 ORDER BY id")).isEqualTo(scan);
        for (String code : List.of("c1", "c50", "c100", "c4000")) {
            assertThat(t.rows("SELECT id FROM big WHERE code = '" + code + "'"))
                    .isEqualTo(t.rows("SELECT id FROM big WHERE code || '' = '" + code + "'"));
        }
        t.exec("RESET enable_seqscan");
        assertThat(codes).isNotEmpty();
    }

    @Test
    void aBlockThatOutgrowsItsBudgetCommitsWhileOthersSeeTheStateBeforeIt() {
        try (TransactionTest.Conn other = conn()) {
            t.exec("BEGIN");
            for (int i = 0; i < 10; i++) {
                int lo = 1000 + i * 500;
                t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(" + lo + ", " + (lo + 499) + ") g");
            }
            t.exec("UPDATE big SET n = n + 100 WHERE id <= 50");
            t.exec("DELETE FROM big WHERE id BETWEEN 51 AND 60");
            assertThat(block().spilled()).as("the block spilled").isTrue();
            assertThat(undoRecords()).isPositive();
            assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("5090");
            assertThat(t.value("SELECT count(*) FROM big WHERE n >= 100")).isEqualTo("50");
            // another session reads the state before the block, through every access path
            assertThat(other.value("SELECT count(*) FROM big")).isEqualTo("100");
            assertThat(other.value("SELECT count(*) FROM big WHERE n >= 100")).isEqualTo("0");
            assertThat(other.value("SELECT count(*) FROM big WHERE code = 'c1500'")).isEqualTo("0");
            assertThat(other.value("SELECT count(*) FROM big WHERE code = 'c55'")).isEqualTo("1");
            t.exec("COMMIT");
            assertThat(other.value("SELECT count(*) FROM big")).isEqualTo("5090");
            assertThat(other.value("SELECT n FROM big WHERE id = 7")).isEqualTo("100");
        }
        assertThat(undoRecords()).isZero();
        assertIndexesAgree();
        t.reopen();
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("5090");
        assertIndexesAgree();
    }

    @Test
    void rollbackAfterTheSpillRestoresEveryRowAndIndexEntry() {
        List<String> before = t.rows("SELECT * FROM big ORDER BY id");
        t.exec("BEGIN");
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1000, 4000) g");
        t.exec("UPDATE big SET code = 'x' || id, n = -n WHERE id <= 100");
        t.exec("DELETE FROM big WHERE id % 3 = 0");
        t.exec("TRUNCATE big");
        t.exec("INSERT INTO big VALUES (1, 'again', 1)");
        assertThat(block().spilled()).isTrue();
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("1");
        t.exec("ROLLBACK");
        assertThat(t.rows("SELECT * FROM big ORDER BY id")).isEqualTo(before);
        assertThat(undoRecords()).isZero();
        assertIndexesAgree();
    }

    @Test
    void rollbackToASavepointTakenAfterTheSpillUndoesOnlyWhatFollowedIt() {
        t.exec("BEGIN");
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1000, 4000) g");
        assertThat(block().spilled()).isTrue();
        t.exec("SAVEPOINT s");
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(5000, 8000) g");
        t.exec("DELETE FROM big WHERE id < 50");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo(Integer.toString(100 + 3001 + 3001 - 49));
        t.exec("ROLLBACK TO SAVEPOINT s");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("3101");
        // a failed statement after the spill aborts the block; ROLLBACK TO recovers it
        assertThatThrownBy(() -> t.exec("INSERT INTO big SELECT g, 'd' || g, 0 FROM generate_series(9000, 12000) g "
                + "UNION ALL SELECT 1, 'dup', 0"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
        t.exec("ROLLBACK TO SAVEPOINT s");
        t.exec("COMMIT");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("3101");
        assertThat(t.value("SELECT max(id) FROM big")).isEqualTo("4000");
        assertIndexesAgree();
    }

    /** Savepoints open when the block spills keep their meaning: each becomes a position in the undo log. */
    @Test
    void savepointsTakenBeforeTheSpillStillRollBackExactly() {
        t.exec("BEGIN");
        t.exec("SAVEPOINT a");
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(101, 150) g");
        t.exec("UPDATE big SET n = 100 WHERE id <= 10");
        List<String> atB = t.rows("SELECT * FROM big ORDER BY id");
        t.exec("SAVEPOINT b");
        t.exec("UPDATE big SET n = 200 WHERE id <= 20");
        t.exec("DELETE FROM big WHERE id BETWEEN 120 AND 125");
        t.exec("SAVEPOINT c");
        List<String> atC = t.rows("SELECT * FROM big ORDER BY id");
        assertThat(block().spilled()).as("under the budget so far").isFalse();
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1000, 4000) g");
        assertThat(block().spilled()).isTrue();
        t.exec("ROLLBACK TO SAVEPOINT c");
        assertThat(t.rows("SELECT * FROM big ORDER BY id")).isEqualTo(atC);
        t.exec("ROLLBACK TO SAVEPOINT b");
        assertThat(t.rows("SELECT * FROM big ORDER BY id")).isEqualTo(atB);
        t.exec("INSERT INTO big VALUES (5000, 'late', 0)");
        t.exec("ROLLBACK TO SAVEPOINT a");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("100");
        assertThat(t.value("SELECT count(*) FROM big WHERE n >= 100")).isEqualTo("0");
        t.exec("INSERT INTO big VALUES (6000, 'kept', 0)");
        t.exec("COMMIT");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("101");
        assertThat(undoRecords()).isZero();
        assertIndexesAgree();
    }

    @Test
    void oneLargeStatementSpillsAndStillFindsDuplicatesAcrossTheSpill() {
        // autocommit: one INSERT ... SELECT that writes far more than the budget
        assertThat(t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1000, 20000) g"))
                .isEqualTo(19001);
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("19101");
        assertThat(undoRecords()).isZero();
        // a primary key repeated 15,000 rows later, long after the first one went into the store
        assertThatThrownBy(() -> t.exec("INSERT INTO big SELECT g, 'k' || g, 0 FROM generate_series(30000, 45000) g "
                + "UNION ALL SELECT 30001, 'other', 0"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
        // the same for a unique secondary index
        assertThatThrownBy(() -> t.exec("INSERT INTO big SELECT g, 'k' || g, 0 FROM generate_series(30000, 45000) g "
                + "UNION ALL SELECT 50000, 'k30002', 0"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("19101");
        assertThat(t.value("SELECT count(*) FROM big WHERE id >= 30000")).isEqualTo("0");
        assertThat(undoRecords()).isZero();
        assertIndexesAgree();
    }

    /** UPDATE and DELETE stream their rows too, and a failure after the spill undoes the statement. */
    @Test
    void largeUpdatesAndDeletesSpillAndRollBackOnError() {
        t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1000, 20000) g");
        List<String> before = t.rows("SELECT sum(n), count(*) FROM big");
        assertThatThrownBy(() -> t.exec("UPDATE big SET n = CASE WHEN id = 19000 THEN 1 / (n - n) ELSE n + 1 END"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
        assertThat(t.rows("SELECT sum(n), count(*) FROM big")).isEqualTo(before);
        assertThat(undoRecords()).isZero();
        assertThat(t.exec("UPDATE big SET n = n + 10 WHERE id >= 1000")).isEqualTo(19001);
        assertThat(t.value("SELECT count(*) FROM big WHERE n >= 10")).isEqualTo("19001");
        assertThat(t.exec("DELETE FROM big WHERE id % 2 = 0 AND id >= 1000")).isEqualTo(9501);
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("9600");
        // UPDATE ... FROM repeats rows through its join: each is still updated once
        t.exec("CREATE TABLE pairs (id int)");
        t.exec("INSERT INTO pairs SELECT g FROM generate_series(1, 10) g UNION ALL SELECT g FROM generate_series(1, 10) g");
        assertThat(t.exec("UPDATE big SET n = big.n + 1000 FROM pairs WHERE pairs.id = big.id")).isEqualTo(10);
        assertThat(t.value("SELECT count(*) FROM big WHERE n >= 1000")).isEqualTo("10");
        assertIndexesAgree();
    }

    /** Ascending bulk inserts skip the lookup of keys above the table's last key, and only those. */
    @Test
    void ascendingInsertsStillMeetEveryExistingKey() {
        t.exec("INSERT INTO big VALUES (500, 'c500', 0)");
        assertThatThrownBy(() -> t.exec("INSERT INTO big SELECT g, 'n' || g, 0 FROM generate_series(101, 600) g"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.getMessage()).contains("big_pkey"));
        t.exec("BEGIN");
        t.exec("DELETE FROM big WHERE id = 500");
        t.exec("INSERT INTO big SELECT g, 'n' || g, 0 FROM generate_series(101, 600) g");
        assertThatThrownBy(() -> t.exec("INSERT INTO big SELECT g, 'm' || g, 0 FROM generate_series(601, 700) g "
                + "UNION ALL SELECT 650, 'again', 0"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
        t.exec("ROLLBACK");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("101");
    }

    @Test
    void copyInABlockSpills() throws Exception {
        Path csv = dir.resolve("rows.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 1000; i < 6000; i++) {
            sb.append(i).append(",c").append(i).append(',').append(i % 7).append('\n');
        }
        Files.writeString(csv, sb);
        t.exec("BEGIN");
        t.exec("COPY big FROM '" + csv + "' (FORMAT csv)");
        assertThat(block().spilled()).isTrue();
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("5100");
        t.exec("ROLLBACK");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("100");
        t.exec("BEGIN");
        t.exec("COPY big FROM '" + csv + "' (FORMAT csv)");
        t.exec("COMMIT");
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("5100");
        assertIndexesAgree();
    }

    @Test
    void writersWaitForTheSpilledBlockAndRepeatableReadFailsWhenItsSnapshotIsStale() {
        try (TransactionTest.Conn other = conn()) {
            t.exec("BEGIN");
            t.exec("INSERT INTO big SELECT g, 'c' || g, g % 7 FROM generate_series(1000, 4000) g");
            assertThat(block().spilled()).isTrue();
            other.exec("SET lock_timeout = '200ms'");
            assertThatThrownBy(() -> other.exec("INSERT INTO big VALUES (99999, 'w', 0)"))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("55P03"));
            t.exec("COMMIT");
            other.exec("INSERT INTO big VALUES (99999, 'w', 0)");
        }
        // REPEATABLE READ: a commit after the snapshot, then the spill: its reads would be stale
        try (TransactionTest.Conn other = conn()) {
            t.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("3102");
            other.exec("UPDATE big SET n = 42 WHERE id = 1");
            assertThatThrownBy(() -> t.exec("INSERT INTO big SELECT g, 'r' || g, 0 FROM generate_series(10000, 13000) g"))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("40001"));
            t.exec("ROLLBACK");
        }
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("3102");
        assertThat(undoRecords()).isZero();
    }

    /**
     * A child process opens a block, writes until it has spilled, says so and waits to be killed
     * with SIGKILL; the next open rolls the block back from its undo log.
     */
    @Test
    void killNineDuringASpilledBlockRollsItBackAtTheNextOpen() throws Exception {
        t.close();
        Path db = dir.resolve("db");
        Process p = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SpillingWriter.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        boolean spilled = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("spilled")) {
                    spilled = true;
                    p.destroyForcibly(); // SIGKILL on Linux
                    break;
                }
                output.append(line).append('\n');
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(spilled).as("child output: %s", output).isTrue();
        t.open();
        assertThat(undoRecords()).isZero();
        assertThat(t.value("SELECT count(*) FROM big")).isEqualTo("100");
        assertThat(t.value("SELECT sum(n) FROM big")).isEqualTo(t.value("SELECT sum(id % 7) FROM big"));
        assertIndexesAgree();
    }

    /** The child process of the crash test. */
    public static final class SpillingWriter {
        public static void main(String[] args) throws Exception {
            SqlDatabase db = SqlDatabase.open(LsmStore.open(Path.of(args[0]), new LsmOptions()), SqlOptions.DEFAULT);
            SqlSession s = db.openSession();
            for (String sql : List.of("SET transaction_buffer_memory = '64kB'", "BEGIN",
                    "UPDATE big SET n = n + 1000", "DELETE FROM big WHERE id > 90",
                    "INSERT INTO big SELECT g, 'c' || g, 0 FROM generate_series(1000, 9000) g")) {
                try (StatementResult r = s.executeScript(sql)) {
                    while (r.next() != null) {
                        // drain
                    }
                }
            }
            db.store().syncWal(); // the undo log is on disk: only the missing COMMIT stands between
            System.out.println(s.transaction().spilled() ? "spilled" : "not spilled");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
