package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB CSV imported with COPY in a child JVM with a 256 MiB heap: the import (16 MiB of
 * buffered writes, then a rewrite in 4 MiB chunks) and the store (16 MiB memtables) must fit, and
 * the table must hold every row afterwards. Run with {@code -Pstress}; prints the time, the rows
 * per second and the peak heap.
 */
@Tag("stress")
class CopyStressTest {
    @TempDir
    Path dir;

    @Test
    void aGigabyteCsvImportsWithinASmallHeap() throws Exception {
        Path csv = dir.resolve("big.csv");
        long t0 = System.nanoTime();
        long rows = generate(csv, 1L << 30);
        System.out.printf("CopyStressTest: generated %,d bytes, %,d rows in %d ms%n", Files.size(csv), rows,
                (System.nanoTime() - t0) / 1_000_000);
        Process p = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Importer.class.getName(),
                dir.resolve("db").toString(), csv.toString(), Long.toString(rows))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
        output.lines().filter(l -> l.startsWith("OK")).forEach(l -> System.out.println("CopyStressTest: " + l));
    }

    /** Writes about {@code bytes} of CSV (id, name, value, day, note) and returns the row count. */
    static long generate(Path csv, long bytes) throws IOException {
        long written = 0;
        long id = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,name,value,day,note\n");
            StringBuilder sb = new StringBuilder(256);
            while (written < bytes) {
                id++;
                sb.setLength(0);
                sb.append(id).append(",name ").append(id).append(',').append(id * 0.25).append(',')
                        .append(java.time.LocalDate.ofEpochDay(id % 20000)).append(",\"note, with \"\"quotes\"\" ")
                        .append(Long.toHexString(id * 0x9E3779B97F4A7C15L)).append(" and some text to fill the row\"\n");
                w.append(sb);
                written += sb.length();
            }
        }
        return id;
    }

    /** Child: opens a database, imports the CSV, checks the count, prints timings and the peak heap. */
    public static final class Importer {
        private Importer() {
        }

        /**
         * @param args database directory, CSV file, expected rows
         */
        public static void main(String[] args) {
            LsmOptions lsm = new LsmOptions().writeBufferSize(16 << 20).blockCacheSize(8 << 20);
            long expected = Long.parseLong(args[2]);
            try (SqlDatabase db = SqlDatabase.open(LsmStore.open(Path.of(args[0]), lsm),
                    new SqlOptions(32L << 20, Path.of(args[0]), true))) {
                SqlSession s = db.openSession();
                s.executeScript("CREATE TABLE big (id bigint PRIMARY KEY, name text, value double precision, day date,"
                        + " note text)").close();
                long t0 = System.nanoTime();
                long n;
                try (StatementResult r = s.executeScript("COPY big FROM '" + args[1] + "' (FORMAT csv, HEADER)")) {
                    n = r.updateCount();
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (n != expected) {
                    throw new AssertionError("imported " + n + " rows, expected " + expected);
                }
                long t1 = System.nanoTime();
                String count;
                try (StatementResult r = s.executeScript("SELECT count(*), max(id) FROM big")) {
                    Object[] row = r.next().rowValues(0);
                    count = row[0] + " rows, max id " + row[1];
                    if (!row[0].equals(expected)) {
                        throw new AssertionError("count(*) = " + row[0]);
                    }
                }
                StringBuilder peaks = new StringBuilder();
                List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
                for (MemoryPoolMXBean pool : pools) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peaks.append(peaks.length() > 0 ? ", " : "").append(pool.getName()).append(' ')
                                .append(pool.getPeakUsage().getUsed() >> 20).append(" MiB");
                    }
                }
                System.out.printf("OK COPY of %,d rows in %,d ms (%,d rows/s); count(*) %s in %,d ms; "
                        + "heap pool peaks: %s; max heap %,d MiB%n", n, ms, n * 1000 / Math.max(1, ms),
                        count, (System.nanoTime() - t1) / 1_000_000, peaks, Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }
}
