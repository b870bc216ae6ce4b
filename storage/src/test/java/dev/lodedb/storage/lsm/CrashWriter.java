package dev.lodedb.storage.lsm;

import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import dev.lodedb.storage.util.Bytes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link CrashTest}: writes synced batches from several threads until killed and
 * prints {@code ACK <n>} after each batch {@code n} is acknowledged. Batch {@code n} puts
 * {@code n/a} and {@code n/b} (both with value {@code n}) and deletes {@code (n-1)/gone}, so a
 * checker can tell a whole batch from half of one.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    /** Args: store directory, first batch number, threads. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        LsmStore store = LsmStore.open(dir, new LsmOptions().writeBufferSize(256 << 10).targetFileSize(256 << 10)
                .maxBytesForLevelBase(1 << 20).blockSize(1024));
        AtomicLong next = new AtomicLong(first);
        out.println("READY"); // before any writer starts, so it is always the first line
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                for (;;) {
                    long n = next.getAndIncrement();
                    byte[] v = Bytes.utf8(Long.toString(n) + "-".repeat((int) (n % 200)));
                    WriteBatch batch = new WriteBatch()
                            .put(Bytes.utf8(n + "/a"), v)
                            .put(Bytes.utf8(n + "/b"), v)
                            .put(Bytes.utf8((n - 1) + "/gone"), v)
                            .delete(Bytes.utf8((n - 1) + "/gone"));
                    store.write(WriteOptions.SYNC, batch);
                    synchronized (out) {
                        out.println("ACK " + n);
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
    }
}
