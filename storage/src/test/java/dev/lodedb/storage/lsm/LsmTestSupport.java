package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.util.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/** Helpers shared by the LSM tests. */
final class LsmTestSupport {
    private LsmTestSupport() {
    }

    /** The body of one of {@link #runThreads}'s threads, given its number. */
    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /**
     * Runs {@code body} on {@code threads} new threads released together, waits for all of them,
     * and returns what they threw (empty when all succeeded).
     */
    static List<Throwable> runThreads(int threads, ThreadBody body) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        workers.forEach(Thread::start);
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        return new ArrayList<>(errors);
    }

    /** Small buffers and files so that a few thousand keys exercise flushes and compactions. */
    static LsmOptions smallOptions() {
        return new LsmOptions()
                .writeBufferSize(64 << 10)
                .blockSize(1024)
                .blockCacheSize(1 << 20)
                .targetFileSize(64 << 10)
                .maxBytesForLevelBase(256 << 10)
                .level0CompactionTrigger(2);
    }

    static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> keys(StoreIterator it) {
        List<String> out = new ArrayList<>();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            out.add(s(it.key()));
        }
        return out;
    }

    /** Copies a store's files (not its LOCK) as a crash would leave them: what the OS has. */
    static void copyStore(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("LOCK")) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Path only(Path dir, String suffix) throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (l.isEmpty()) {
                throw new AssertionError("no " + suffix + " file in " + dir);
            }
            return l.get(l.size() - 1);
        }
    }

    static List<Path> all(Path dir, String suffix) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        byte[] data = Files.readAllBytes(file);
        data[(int) offset] ^= 0x5a;
        Files.write(file, data);
    }
}
