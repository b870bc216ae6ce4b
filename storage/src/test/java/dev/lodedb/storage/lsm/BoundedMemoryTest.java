package dev.lodedb.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes far more data than the heap through a store in a child JVM with a small heap: memtables
 * plus block cache (which holds index and filter blocks too) must stay within the configured
 * limits however large the data grows. The default run writes about 400 MB with a 48 MB heap; the
 * stress run writes about 4 GB with a 64 MB heap.
 */
class BoundedMemoryTest {
    @TempDir
    Path dir;

    @Test
    void hundredsOfMegabytesThroughASmallHeap() throws Exception {
        runChild("48m", 400L << 20);
    }

    @Test
    @Tag("stress")
    void gigabytesThroughASmallHeap() throws Exception {
        runChild("64m", 4L << 30);
    }

    private void runChild(String heap, long bytes) throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), dir.toString(), Long.toString(bytes))
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
        System.out.println("BoundedMemoryTest (" + heap + " heap): " + output.lines().filter(l -> l.startsWith("OK")).findFirst().orElse(""));
    }

    /** Child: writes {@code bytes} of random-keyed data, then spot-checks reads. */
    public static final class Writer {
        private Writer() {
        }

        /** Args: directory, bytes to write. */
        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            long bytes = Long.parseLong(args[1]);
            LsmOptions o = new LsmOptions().writeBufferSize(4 << 20).blockCacheSize(8 << 20)
                    .targetFileSize(8 << 20).maxBytesForLevelBase(32 << 20).maxOpenFiles(64);
            Random rnd = new Random(1);
            byte[] value = new byte[1000];
            long keys = bytes / (value.length + 16);
            try (LsmStore store = LsmStore.open(dir, o)) {
                WriteBatch batch = new WriteBatch();
                for (long i = 0; i < keys; i++) {
                    rnd.nextBytes(value);
                    batch.put(key(Long.reverse(i)), value);
                    if (batch.count() == 64) {
                        store.write(WriteOptions.DEFAULT, batch);
                        batch.clear();
                    }
                }
                store.write(WriteOptions.DEFAULT, batch);
                store.flush();
                for (long i = 0; i < keys; i += keys / 1000 + 1) {
                    if (store.get(key(Long.reverse(i))) == null) {
                        throw new AssertionError("key " + i + " missing");
                    }
                }
                System.out.println("OK " + store.properties());
            }
        }

        private static byte[] key(long i) {
            return ByteBuffer.allocate(16).putLong(i).putLong(~i).array();
        }
    }
}
