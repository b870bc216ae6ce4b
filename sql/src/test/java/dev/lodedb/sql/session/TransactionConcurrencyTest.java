package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import dev.lodedb.sql.exec.DataChunk;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many sessions at once: bank transfers under every isolation level (the total never changes,
 * whatever commits or aborts, and every reader's snapshot sees it whole), and a process killed
 * with {@code kill -9} in the middle of a stream of committed transactions. Seeded; the seed is in
 * every assertion message.
 */
class TransactionConcurrencyTest {
    @TempDir
    Path dir;

    private static final int ACCOUNTS = 10;
    private static final int START = 1000;

    private static String sqlState(Throwable e) {
        Throwable c = e;
        while (c != null && !(c instanceof SqlException)) {
            c = c.getCause();
        }
        return c == null ? null : ((SqlException) c).sqlState();
    }

    private static void exec(SqlSession s, String sql) {
        try (StatementResult r = s.executeScript(sql)) {
            while (r.next() != null) {
                // drain
            }
        }
    }

    private static long longValue(SqlSession s, String sql) {
        try (StatementResult r = s.executeScript(sql)) {
            DataChunk c = r.next();
            return ((Number) c.rowValues(0)[0]).longValue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"})
    void bankTransfersPreserveTheTotal(String level) throws Exception {
        long seed = System.nanoTime();
        String msg = "isolation " + level + ", seed " + seed;
        try (SqlTestDatabase t = new SqlTestDatabase(dir)) {
            t.exec("CREATE TABLE acct (id int PRIMARY KEY, balance bigint NOT NULL)");
            StringBuilder sb = new StringBuilder("INSERT INTO acct VALUES ");
            for (int i = 0; i < ACCOUNTS; i++) {
                sb.append(i > 0 ? ", " : "").append('(').append(i).append(", ").append(START).append(')');
            }
            t.exec(sb.toString());
            int threads = 4;
            int transfers = 150;
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong committed = new AtomicLong();
            AtomicLong aborted = new AtomicLong();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                SplittableRandom rnd = new SplittableRandom(seed + w);
                writers.add(pool.submit(() -> {
                    try (SqlSession s = t.db.openSession()) {
                        for (int k = 0; k < transfers; k++) {
                            int from = rnd.nextInt(ACCOUNTS);
                            int to = rnd.nextInt(ACCOUNTS);
                            int amount = 1 + rnd.nextInt(50);
                            while (true) {
                                try {
                                    exec(s, "BEGIN ISOLATION LEVEL " + level);
                                    long have = longValue(s, "SELECT balance FROM acct WHERE id = " + from);
                                    if (have >= amount) {
                                        exec(s, "UPDATE acct SET balance = balance - " + amount + " WHERE id = " + from);
                                        exec(s, "UPDATE acct SET balance = balance + " + amount + " WHERE id = " + to);
                                    }
                                    exec(s, "COMMIT");
                                    committed.incrementAndGet();
                                    break;
                                } catch (RuntimeException e) {
                                    String state = sqlState(e);
                                    if (!"40001".equals(state) && !"40P01".equals(state)) {
                                        throw e;
                                    }
                                    aborted.incrementAndGet();
                                    exec(s, "ROLLBACK");
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                long reads = 0;
                try (SqlSession s = t.db.openSession()) {
                    while (running.get()) {
                        long total = longValue(s, "SELECT sum(balance) FROM acct");
                        assertThat(total).as(msg + ": a reader's snapshot").isEqualTo((long) ACCOUNTS * START);
                        reads++;
                    }
                }
                return reads;
            });
            for (Future<?> f : writers) {
                f.get(120, TimeUnit.SECONDS);
            }
            running.set(false);
            assertThat(reader.get(30, TimeUnit.SECONDS)).as(msg).isPositive();
            pool.shutdown();
            assertThat(committed.get()).as(msg).isEqualTo((long) threads * transfers);
            assertThat(t.value("SELECT sum(balance) FROM acct")).as(msg + " (" + aborted + " aborts)")
                    .isEqualTo(String.valueOf(ACCOUNTS * START));
            assertThat(t.value("SELECT min(balance) >= 0 FROM acct")).as(msg).isEqualTo("t");
        }
    }

    /**
     * A child process commits numbered transactions (each inserts its row into two tables and moves
     * one unit between two accounts) and prints each number once COMMIT returned; it is killed with
     * SIGKILL mid-stream. After reopening, every printed transaction is there entirely, nothing is
     * there partly, and the total is unchanged.
     */
    @Test
    void killNineLosesNoCommittedTransactionAndKeepsNoPartialOne() throws Exception {
        Path db = dir.resolve("db");
        Process p = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Committer.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        Set<Long> acknowledged = new HashSet<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    acknowledged.add(Long.parseLong(line.substring(10)));
                    if (acknowledged.size() == 300) {
                        p.destroyForcibly(); // SIGKILL on Linux
                        break;
                    }
                } else if (!line.equals("ready")) {
                    other.add(line); // logging noise, or the error the child died of
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("child output: %s", other).hasSize(300);
        try (SqlDatabase d = SqlDatabase.open(LsmStore.open(db, new LsmOptions()), SqlOptions.DEFAULT);
                SqlSession s = d.openSession()) {
            Set<Long> a = new HashSet<>();
            try (StatementResult r = s.executeScript("SELECT id FROM a")) {
                DataChunk c;
                while ((c = r.next()) != null) {
                    for (int k = 0; k < c.size(); k++) {
                        a.add(((Number) c.rowValues(k)[0]).longValue());
                    }
                }
            }
            assertThat(a).containsAll(acknowledged);
            long inB = longValue(s, "SELECT count(*) FROM b");
            assertThat(inB).as("rows in b match rows in a").isEqualTo(a.size());
            assertThat(longValue(s, "SELECT count(*) FROM a JOIN b USING (id)")).isEqualTo(a.size());
            assertThat(longValue(s, "SELECT sum(balance) FROM acct")).isEqualTo(2000);
            assertThat(longValue(s, "SELECT balance FROM acct WHERE id = 2")).isEqualTo(1000 + a.size());
        }
    }

    /** The child process of the crash test. */
    public static final class Committer {
        public static void main(String[] args) {
            try (SqlDatabase db = SqlDatabase.open(LsmStore.open(Path.of(args[0]), new LsmOptions()),
                    SqlOptions.DEFAULT); SqlSession s = db.openSession()) {
                exec(s, "CREATE TABLE a (id bigint PRIMARY KEY, pad text)");
                exec(s, "CREATE TABLE b (id bigint PRIMARY KEY)");
                exec(s, "CREATE TABLE acct (id int PRIMARY KEY, balance bigint)");
                exec(s, "INSERT INTO acct VALUES (1, 1000), (2, 1000)");
                System.out.println("ready");
                String pad = "x".repeat(200);
                for (long i = 1;; i++) {
                    exec(s, "BEGIN");
                    exec(s, "INSERT INTO a VALUES (" + i + ", '" + pad + "')");
                    exec(s, "INSERT INTO b VALUES (" + i + ")");
                    exec(s, "UPDATE acct SET balance = balance - 1 WHERE id = 1");
                    exec(s, "UPDATE acct SET balance = balance + 1 WHERE id = 2");
                    exec(s, "COMMIT");
                    System.out.println("committed " + i);
                    System.out.flush();
                }
            }
        }
    }
}
