package dev.lodedb.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The semantics every {@link KeyValueStore} backend must satisfy, as JUnit 5 tests. A backend
 * runs them by extending this class in its test sources and supplying its {@link StoreFactory}:
 * <pre>{@code
 * class RocksDbStoreContractTest extends KeyValueStoreContract {
 *     protected StoreFactory factory() {
 *         return StoreFactory.of("rocksdb", dir -> RocksDbStore.open(dir, new LsmOptions()));
 *     }
 * }
 * }</pre>
 * The iterator tests are inherited from {@link IteratorContract}. Every test uses only the public
 * API; each gets a fresh temporary directory, and stores opened through the helpers are closed
 * after it. The whole class runs in a few seconds on a healthy backend.
 */
public abstract class KeyValueStoreContract extends IteratorContract {

    /**
     * Property names every backend reports from {@link KeyValueStore#properties()} (sizes in bytes,
     * counters since open): {@code level.N.files} and {@code level.N.bytes} for N = 0..6, and
     * the memtable, cache, write, compaction, stall and bloom-filter counters.
     */
    public static final List<String> DOCUMENTED_PROPERTIES = documentedProperties();

    private static List<String> documentedProperties() {
        List<String> names = new ArrayList<>();
        for (int n = 0; n <= 6; n++) {
            names.add("level." + n + ".files");
            names.add("level." + n + ".bytes");
        }
        names.addAll(List.of("memtable.bytes", "block-cache.hits", "block-cache.misses",
                "user.bytes-written", "disk.bytes-written", "compaction.count", "compaction.bytes-read",
                "compaction.bytes-written", "stall.micros", "bloom.useful", "bloom.false-positive"));
        return List.copyOf(names);
    }

    /** Put, overwrite, delete and read back; deleting an absent key is no error. */
    @Test
    void putGetDeleteOverwrite() {
        KeyValueStore s = open();
        assertGet(s, "a", null);
        s.put(b("a"), b("1"));
        assertGet(s, "a", "1");
        s.put(b("a"), b("2"));
        assertGet(s, "a", "2");
        s.delete(b("a"));
        assertGet(s, "a", null);
        s.delete(b("never-there"));
        s.put(b("a"), b("3"));
        assertGet(s, "a", "3");
        assertGet(s, "a\0", null);
        assertGet(s, "", null);
    }

    /** The empty key and the empty value are ordinary entries, distinct from absence. */
    @Test
    void emptyKeysAndValues() {
        KeyValueStore s = open();
        s.put(bytes(), b("empty-key"));
        s.put(b("k"), bytes());
        assertGet(s, ReadOptions.DEFAULT, bytes(), b("empty-key"));
        assertGet(s, ReadOptions.DEFAULT, b("k"), bytes());
        assertEquals(list("=empty-key", "k="), entries(s, ReadOptions.DEFAULT));
        s.flush();
        assertGet(s, ReadOptions.DEFAULT, bytes(), b("empty-key"));
        assertGet(s, ReadOptions.DEFAULT, b("k"), bytes());
        s.delete(bytes());
        assertGet(s, ReadOptions.DEFAULT, bytes(), null);
        assertEquals(list("k="), entries(s, ReadOptions.DEFAULT));
    }

    /** Keys with 0x00 and 0xFF bytes round-trip, and 0x80 sorts after 0x7F (unsigned order). */
    @Test
    void binaryKeysAndUnsignedOrder() {
        KeyValueStore s = open();
        byte[][] keys = {bytes(0xFF), bytes(0x00), bytes(0x80), bytes(0x7F), bytes(0x00, 0x00),
            bytes(0xFF, 0x00, 0xFF)};
        for (byte[] k : keys) {
            s.put(k, k);
        }
        for (byte[] k : keys) {
            assertGet(s, ReadOptions.DEFAULT, k, k);
        }
        assertEquals(List.of(show(bytes(0x00)), show(bytes(0x00, 0x00)), show(bytes(0x7F)), show(bytes(0x80)),
                show(bytes(0xFF)), show(bytes(0xFF, 0x00, 0xFF))), keys(s));
        s.deleteRange(bytes(0x7F), bytes(0xFF));
        assertEquals(List.of(show(bytes(0x00)), show(bytes(0x00, 0x00)), show(bytes(0xFF)),
                show(bytes(0xFF, 0x00, 0xFF))), keys(s));
    }

    /** Values of a megabyte round-trip through the memtable and table files. */
    @Test
    void largeValues() {
        KeyValueStore s = open();
        byte[] big = new byte[1 << 20];
        new java.util.Random(3).nextBytes(big);
        s.put(b("big"), big);
        s.put(b("small"), b("x"));
        assertGet(s, ReadOptions.DEFAULT, b("big"), big);
        s.flush();
        assertGet(s, ReadOptions.DEFAULT, b("big"), big);
        assertGet(s, "small", "x");
    }

    /** deleteRange removes start (inclusive) up to end (exclusive), nothing else. */
    @Test
    void deleteRangeIsStartInclusiveEndExclusive() {
        KeyValueStore s = open();
        putAll(s, "a", "1", "b", "2", "b0", "3", "c", "4", "d", "5");
        s.deleteRange(b("b"), b("d"));
        assertEquals(list("a", "d"), keys(s));
        assertGet(s, "b", null);
        assertGet(s, "b0", null);
        assertGet(s, "c", null);
        assertGet(s, "d", "5");
    }

    /** An empty range (start == end) deletes nothing; a range over no keys is harmless. */
    @Test
    void deleteRangeEmptyAndOverNothing() {
        KeyValueStore s = open();
        putAll(s, "a", "1", "b", "2", "c", "3");
        s.deleteRange(b("b"), b("b"));
        assertEquals(list("a", "b", "c"), keys(s));
        s.deleteRange(b("b0"), b("b9"));
        s.deleteRange(b("x"), b("z"));
        assertEquals(list("a", "b", "c"), keys(s));
        KeyValueStore empty = open("empty");
        empty.deleteRange(b("a"), b("z"));
        assertEquals(List.of(), keys(empty));
    }

    /** Keys put after a range delete are visible, also when the tombstone is in a table file. */
    @Test
    void putAfterDeleteRange() {
        KeyValueStore s = open();
        putAll(s, "a", "1", "b", "2", "c", "3");
        s.deleteRange(b("a"), b("z"));
        assertEquals(List.of(), keys(s));
        s.put(b("b"), b("again"));
        assertGet(s, "b", "again");
        s.flush();
        s.put(b("c"), b("again"));
        assertEquals(list("b=again", "c=again"), entries(s, ReadOptions.DEFAULT));
        s.compactRange(null, null);
        assertEquals(list("b=again", "c=again"), entries(s, ReadOptions.DEFAULT));
        s.deleteRange(b("c"), b("d"));
        s.flush();
        assertEquals(list("b=again"), entries(s, ReadOptions.DEFAULT));
    }

    /** deleteRange with start after end is rejected with IllegalArgumentException. */
    @Test
    void deleteRangeStartAfterEndIsRejected() {
        KeyValueStore s = open();
        s.put(b("m"), b("1"));
        assertThrows(IllegalArgumentException.class, () -> s.deleteRange(b("z"), b("a")));
        assertThrows(IllegalArgumentException.class, () -> new WriteBatch().deleteRange(bytes(0x80), bytes(0x7F)));
        assertGet(s, "m", "1");
    }

    /** Within a batch later operations win; the batch's effects all become visible together. */
    @Test
    void batchesApplyInOrder() {
        KeyValueStore s = open();
        putAll(s, "a", "old", "b", "old", "c", "old");
        WriteBatch batch = new WriteBatch()
                .put(b("a"), b("1"))
                .delete(b("a"))
                .put(b("a"), b("2"))
                .deleteRange(b("b"), b("d"))
                .put(b("c"), b("new"))
                .put(b("x"), b("x"))
                .delete(b("x"));
        try (Snapshot before = s.getSnapshot()) {
            s.write(WriteOptions.DEFAULT, batch);
            assertEquals(list("a=2", "c=new"), entries(s, ReadOptions.DEFAULT));
            assertEquals(list("a=old", "b=old", "c=old"), entries(s, ReadOptions.at(before)));
        }
        s.write(WriteOptions.DEFAULT, new WriteBatch());
        assertEquals(list("a=2", "c=new"), entries(s, ReadOptions.DEFAULT));
    }

    /** Readers never see part of a batch, while a writer keeps rewriting a group of keys. */
    @Test
    void batchesAreAtomicForConcurrentReaders() throws Exception {
        KeyValueStore s = open();
        int keys = 20;
        writeGroup(s, keys, 0);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int round = 1; round <= 400 && !stop.get(); round++) {
                    writeGroup(s, keys, round);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (!writer.isDone()) {
                    List<String> values = new ArrayList<>();
                    try (StoreIterator it = s.newIterator()) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            values.add(show(it.value()));
                        }
                    }
                    assertEquals(keys, values.size(), "keys seen");
                    assertEquals(1, values.stream().distinct().count(), () -> "torn batch: " + values);
                    try (Snapshot snap = s.getSnapshot()) {
                        String first = show(s.get(ReadOptions.at(snap), b("k00")));
                        String last = show(s.get(ReadOptions.at(snap), b(String.format("k%02d", keys - 1))));
                        assertEquals(first, last, "torn batch seen by snapshot gets");
                    }
                }
                return null;
            });
            reader.get(60, TimeUnit.SECONDS);
            writer.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static void writeGroup(KeyValueStore s, int keys, int round) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < keys; i++) {
            batch.put(b(String.format("k%02d", i)), b("round-" + round));
        }
        s.write(WriteOptions.DEFAULT, batch);
    }

    /** Concurrent writers on distinct keys all land; sync and WAL-less writes are readable. */
    @Test
    void concurrentWritersAndWriteOptions() throws Exception {
        KeyValueStore s = open();
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        WriteOptions wo = i % 50 == 0 ? WriteOptions.SYNC : WriteOptions.DEFAULT;
                        s.write(wo, new WriteBatch().put(b("t" + id + "-" + i), b("v" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, keys(s).size());
        s.write(new WriteOptions(false, true), new WriteBatch().put(b("nowal"), b("1")));
        assertGet(s, "nowal", "1");
        s.flush();
        assertGet(s, "nowal", "1");
    }

    /** A snapshot isolates gets and iterators from later puts, deletes and range deletes. */
    @Test
    void snapshotsIsolate() {
        KeyValueStore s = open();
        putAll(s, "a", "1", "b", "2");
        Snapshot s1 = closeLater(s.getSnapshot());
        s.put(b("a"), b("10"));
        s.delete(b("b"));
        s.put(b("c"), b("3"));
        Snapshot s2 = closeLater(s.getSnapshot());
        s.deleteRange(b("a"), b("z"));
        s.flush();
        s.compactRange(null, null);
        assertGet(s, ReadOptions.at(s1), b("a"), b("1"));
        assertGet(s, ReadOptions.at(s1), b("b"), b("2"));
        assertGet(s, ReadOptions.at(s1), b("c"), null);
        assertEquals(list("a=1", "b=2"), entries(s, ReadOptions.at(s1)));
        assertEquals(list("a=10", "c=3"), entries(s, ReadOptions.at(s2)));
        assertEquals(List.of(), keys(s));
        assertTrue(s2.sequence() >= s1.sequence(), "sequence numbers grow");
        s.releaseSnapshot(s1);
        s.releaseSnapshot(s1);
        s1.close();
        assertEquals(list("a=10", "c=3"), entries(s, ReadOptions.at(s2)));
        s2.close();
        assertEquals(List.of(), keys(s));
    }

    /** Puts, deletes and range deletes survive close and reopen, also with data in memtables. */
    @Test
    void persistsAcrossReopen() {
        Path dir = tmp.resolve("persist");
        KeyValueStore s = factory().open(dir);
        try {
            putAll(s, "a", "1", "b", "2", "c", "3", "d", "4");
            s.flush();
            s.delete(b("a"));
            s.deleteRange(b("c"), b("d"));
            s.put(b("e"), b("5"));
        } finally {
            s.close();
        }
        KeyValueStore r = factory().open(dir);
        try {
            assertEquals(list("b=2", "d=4", "e=5"), entries(r, ReadOptions.DEFAULT));
            r.put(b("f"), b("6"));
        } finally {
            r.close();
        }
        KeyValueStore again = open(dir);
        assertEquals(list("b=2", "d=4", "e=5", "f=6"), entries(again, ReadOptions.DEFAULT));
    }

    /** A checkpoint opens with the contents at its time and does not follow later writes. */
    @Test
    void checkpointIsAnIndependentCopy() {
        KeyValueStore s = open();
        putAll(s, "a", "1", "b", "2");
        s.flush();
        putAll(s, "c", "3");
        s.delete(b("a"));
        Path cp = tmp.resolve("checkpoint");
        s.checkpoint(cp);
        assertTrue(Files.isDirectory(cp), "checkpoint directory exists");
        s.put(b("d"), b("4"));
        s.delete(b("b"));
        s.compactRange(null, null);
        KeyValueStore copy = open(cp);
        assertEquals(list("b=2", "c=3"), entries(copy, ReadOptions.DEFAULT));
        copy.put(b("z"), b("26"));
        assertEquals(list("c=3", "d=4"), entries(s, ReadOptions.DEFAULT));
        StoreException e = assertThrows(StoreException.class, () -> s.checkpoint(cp));
        assertNotNull(e.getMessage());
    }

    /** flush and compactRange (whole, partial, empty) keep contents, also under a snapshot. */
    @Test
    void flushAndCompactionKeepContents() {
        KeyValueStore s = open();
        for (int i = 0; i < 300; i++) {
            s.put(b(String.format("k%03d", i)), b("v" + i));
        }
        s.flush();
        for (int i = 0; i < 300; i += 3) {
            s.delete(b(String.format("k%03d", i)));
        }
        s.deleteRange(b("k100"), b("k150"));
        Snapshot snap = closeLater(s.getSnapshot());
        List<String> before = entries(s, ReadOptions.DEFAULT);
        List<String> beforeSnap = entries(s, ReadOptions.at(snap));
        s.put(b("k999"), b("late"));
        s.flush();
        s.compactRange(b("k050"), b("k120"));
        s.compactRange(b("zzz"), null);
        s.compactRange(null, b("k010"));
        s.compactRange(null, null);
        List<String> after = new ArrayList<>(before);
        after.add("k999=late");
        assertEquals(after, entries(s, ReadOptions.DEFAULT));
        assertEquals(beforeSnap, entries(s, ReadOptions.at(snap)));
        long expected = java.util.stream.IntStream.range(0, 300)
                .filter(i -> i % 3 != 0 && (i < 100 || i >= 150)).count();
        assertEquals(expected, before.size(), "keys left by the deletes");
    }

    /** properties() reports every documented key with a non-negative value. */
    @Test
    void propertiesContainDocumentedKeys() {
        KeyValueStore s = open();
        for (int i = 0; i < 100; i++) {
            s.put(b("k" + i), new byte[100]);
        }
        s.flush();
        s.get(b("k1"));
        s.get(b("absent"));
        Map<String, Long> p = s.properties();
        for (String name : DOCUMENTED_PROPERTIES) {
            assertTrue(p.containsKey(name), () -> "missing property " + name + " in " + p.keySet());
            assertTrue(p.get(name) >= 0, () -> name + " is negative: " + p.get(name));
        }
        long files = 0;
        for (int n = 0; n <= 6; n++) {
            files += p.get("level." + n + ".files");
        }
        assertTrue(files >= 1, () -> "a flushed store has a table file: " + p);
        assertTrue(p.get("user.bytes-written") >= 100 * 100, () -> "user.bytes-written " + p);
    }

    /** A second open of a directory that is open fails with a StoreException naming it. */
    @Test
    void secondOpenOfSameDirectoryFails() {
        Path dir = tmp.resolve("locked");
        KeyValueStore first = open(dir);
        first.put(b("a"), b("1"));
        StoreException e = assertThrows(StoreException.class, () -> closeLater(factory().open(dir)));
        String msg = String.valueOf(e.getMessage());
        assertTrue(msg.contains(dir.toString()) || msg.contains(dir.toAbsolutePath().normalize().toString()),
                () -> "message should name " + dir + ": " + msg);
        assertGet(first, "a", "1");
    }

    /** After close every operation throws StoreException; close and iterator/snapshot close do not. */
    @Test
    void operationsAfterCloseThrow() {
        KeyValueStore s = factory().open(tmp.resolve("closed"));
        putAll(s, "a", "1", "b", "2");
        StoreIterator open = s.newIterator();
        open.seekToFirst();
        Snapshot snap = s.getSnapshot();
        s.close();
        s.close();
        List<Executable> ops = List.of(
                () -> s.get(b("a")),
                () -> s.get(ReadOptions.at(snap), b("a")),
                () -> s.put(b("a"), b("2")),
                () -> s.delete(b("a")),
                () -> s.deleteRange(b("a"), b("b")),
                () -> s.write(WriteOptions.SYNC, new WriteBatch().put(b("x"), b("y"))),
                () -> s.newIterator().close(),
                () -> s.getSnapshot().close(),
                () -> s.flush(),
                () -> s.compactRange(null, null),
                () -> s.checkpoint(tmp.resolve("cp-after-close")),
                () -> s.properties(),
                () -> open.seekToFirst(),
                () -> open.seek(b("a")));
        for (int i = 0; i < ops.size(); i++) {
            int n = i;
            assertThrows(StoreException.class, ops.get(i), () -> "operation #" + n + " after close");
        }
        open.close();
        open.close();
        snap.close();
        assertFalse(Files.exists(tmp.resolve("cp-after-close")), "no checkpoint from a closed store");
    }

    /** A store reopened after close works normally (the lock was released). */
    @Test
    void closeReleasesTheDirectory() {
        Path dir = tmp.resolve("relock");
        for (int round = 0; round < 3; round++) {
            KeyValueStore s = factory().open(dir);
            try {
                s.put(b("round" + round), b(String.valueOf(round)));
                assertEquals(round + 1, keys(s).size());
            } finally {
                s.close();
            }
        }
        assertEquals(Arrays.asList("round0", "round1", "round2"), keys(open(dir)));
    }
}
