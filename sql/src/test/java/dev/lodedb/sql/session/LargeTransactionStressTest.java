package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One transaction inserts 10 million rows (a primary key and a secondary index) in a child JVM with
 * a 256 MiB heap and the default {@code transaction_buffer_memory} (16 MB with that heap): first 5 million in
 * one INSERT ... SELECT, then 5 million in five more statements, then COMMIT; a second transaction
 * of the same size rolls back. Run with {@code -Pstress}; prints the times and the peak heap.
 */
@Tag("stress")
class LargeTransactionStressTest {
    @TempDir
    Path dir;

    @Test
    void tenMillionRowsInOneTransactionWithinA256MiBHeap() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
                dir.resolve("db").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
        output.lines().filter(l -> l.startsWith("OK")).forEach(l -> System.out.println("LargeTransactionStressTest: " + l));
    }

    /** Child: the transactions, their checks, timings and the peak heap. */
    public static final class Writer {
        private Writer() {
        }

        private static long run(SqlSession s, String sql) {
            try (StatementResult r = s.executeScript(sql)) {
                while (r.next() != null) {
                    // drain
                }
                return r.updateCount();
            }
        }

        private static Object value(SqlSession s, String sql) {
            try (StatementResult r = s.executeScript(sql)) {
                return r.next().rowValues(0)[0];
            }
        }

        /** @param args the database directory */
        public static void main(String[] args) {
            LsmOptions lsm = new LsmOptions().writeBufferSize(16 << 20).blockCacheSize(8 << 20);
            try (SqlDatabase db = SqlDatabase.open(LsmStore.open(Path.of(args[0]), lsm),
                    new SqlOptions(32L << 20, Path.of(args[0]), true))) {
                SqlSession s = db.openSession();
                run(s, "CREATE TABLE big (id bigint PRIMARY KEY, k int, note text)");
                run(s, "CREATE INDEX big_k ON big (k)");
                long t0 = System.nanoTime();
                run(s, "BEGIN");
                run(s, "INSERT INTO big SELECT g, g % 1000, 'row ' || g FROM generate_series(1, 5000000) g");
                for (int i = 0; i < 5; i++) {
                    long lo = 5_000_001L + i * 1_000_000L;
                    run(s, "INSERT INTO big SELECT g, g % 1000, 'row ' || g FROM generate_series(" + lo + ", "
                            + (lo + 999_999) + ") g");
                }
                if (!s.transaction().spilled()) {
                    throw new AssertionError("the transaction did not spill");
                }
                run(s, "COMMIT");
                long commitMs = (System.nanoTime() - t0) / 1_000_000;
                Object n = value(s, "SELECT count(*) FROM big");
                if (!Long.valueOf(10_000_000L).equals(n)) {
                    throw new AssertionError("count(*) = " + n);
                }
                Object k = value(s, "SELECT count(*) FROM big WHERE k = 7");
                if (!Long.valueOf(10_000L).equals(k)) {
                    throw new AssertionError("count(*) with k = 7: " + k);
                }
                long t1 = System.nanoTime();
                run(s, "BEGIN");
                run(s, "INSERT INTO big SELECT g, 0, 'more' FROM generate_series(10000001, 20000000) g");
                run(s, "ROLLBACK");
                long rollbackMs = (System.nanoTime() - t1) / 1_000_000;
                n = value(s, "SELECT count(*) FROM big");
                if (!Long.valueOf(10_000_000L).equals(n)) {
                    throw new AssertionError("after ROLLBACK count(*) = " + n);
                }
                StringBuilder peaks = new StringBuilder();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peaks.append(peaks.length() > 0 ? ", " : "").append(pool.getName()).append(' ')
                                .append(pool.getPeakUsage().getUsed() >> 20).append(" MiB");
                    }
                }
                System.out.printf("OK 10,000,000 rows committed in one transaction in %,d ms; 10,000,000 more rolled "
                        + "back in %,d ms; heap pool peaks: %s; max heap %,d MiB%n", commitMs, rollbackMs, peaks,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }
}
