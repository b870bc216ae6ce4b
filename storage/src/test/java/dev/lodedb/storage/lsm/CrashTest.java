package dev.lodedb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.util.Bytes;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL at random moments, reopens the store, and checks that
 * every acknowledged synced batch is there and that no batch is half visible. The default suite
 * runs a few rounds; {@code -Pstress} runs many.
 */
class CrashTest {
    @TempDir
    Path dir;

    @Test
    void acknowledgedSyncedWritesSurviveKillMinus9() throws Exception {
        runRounds(Long.getLong("lode.seed", 20261122L), 3);
    }

    @Test
    @Tag("stress")
    void manyKillsUnderStress() throws Exception {
        runRounds(Long.getLong("lode.seed", System.nanoTime()), 40);
    }

    private void runRounds(long seed, int rounds) throws Exception {
        Random rnd = new Random(seed);
        Set<Long> acked = new HashSet<>();
        long nextBatch = 1;
        for (int round = 0; round < rounds; round++) {
            int threads = 1 + rnd.nextInt(8);
            long killAfterMillis = 100 + rnd.nextInt(900);
            String where = "seed " + seed + ", round " + round;
            Process p = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), Long.toString(nextBatch), Integer.toString(threads))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            long maxAck = nextBatch - 1;
            try {
                line = r.readLine();
                assertThat(line).as(where + ": child did not start").isEqualTo("READY");
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMillis);
                while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        long n = Long.parseLong(line.substring(4));
                        acked.add(n);
                        maxAck = Math.max(maxAck, n);
                    }
                }
            } finally {
                p.toHandle().destroyForcibly(); // SIGKILL on Linux; unlike Process.destroy* it leaves our pipe open
            }
            // Acks already in the pipe were acknowledged before the kill.
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    long n = Long.parseLong(line.substring(4));
                    acked.add(n);
                    maxAck = Math.max(maxAck, n);
                }
            }
            p.waitFor(30, TimeUnit.SECONDS);
            nextBatch = maxAck + 1000; // batch numbers of the killed in-flight writes are never reused
            try (LsmStore store = LsmStore.open(dir, new LsmOptions().writeBufferSize(256 << 10))) {
                for (long n : acked) {
                    byte[] a = store.get(Bytes.utf8(n + "/a"));
                    assertThat(a).as(where + ": acknowledged batch " + n + " lost").isNotNull();
                }
                // No half-visible batch: every n/a has its n/b, every n/gone was deleted in the same batch.
                Set<String> a = new HashSet<>();
                Set<String> bs = new HashSet<>();
                try (StoreIterator it = store.newIterator()) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        String k = new String(it.key(), StandardCharsets.UTF_8);
                        String n = k.substring(0, k.indexOf('/'));
                        if (k.endsWith("/a")) {
                            a.add(n);
                        } else if (k.endsWith("/b")) {
                            bs.add(n);
                        } else {
                            throw new AssertionError(where + ": key " + k + " of a half-applied batch is visible");
                        }
                    }
                }
                assertThat(a).as(where + ": batches with /a but not /b").isEqualTo(bs);
            }
        }
        assertThat(acked).as("seed " + seed + ": the child acknowledged no write; the test tested nothing").isNotEmpty();
        System.out.println("CrashTest: " + rounds + " kills, " + acked.size() + " acknowledged batches verified (seed " + seed + ")");
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
