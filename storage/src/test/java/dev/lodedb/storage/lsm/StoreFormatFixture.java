package dev.lodedb.storage.lsm;

import dev.lodedb.storage.util.Bytes;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * Writes the store that {@link StoreFormatCompatibilityTest} expects, and knows its contents. Run
 * {@code main} once per format version that ships, into
 * {@code storage/src/test/resources/fixtures/store-v<N>/}, and commit the result: the directory
 * holds a manifest, SSTables (with a range tombstone and point tombstones) at two levels, and a
 * write-ahead log with writes that were never flushed.
 */
public final class StoreFormatFixture {
    private StoreFormatFixture() {
    }

    /** @return the live contents of the fixture store */
    static TreeMap<String, String> expected() {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            m.put(String.format("k%03d", i), "value-" + i);
        }
        for (int i = 50; i < 60; i++) {
            m.remove(String.format("k%03d", i));
        }
        m.remove("k070");
        m.put("k001", "overwritten");
        for (int i = 200; i < 210; i++) {
            m.put(String.format("k%03d", i), "in-the-log-" + i);
        }
        m.remove("k100");
        return m;
    }

    /** Args: the directory to write (must not exist). */
    public static void main(String[] args) {
        LsmOptions o = new LsmOptions().writeBufferSize(1 << 20).blockSize(256);
        try (LsmStore s = LsmStore.open(Path.of(args[0]), o)) {
            for (int i = 0; i < 200; i++) {
                s.put(Bytes.utf8(String.format("k%03d", i)), Bytes.utf8("value-" + i));
            }
            s.compactRange(null, null); // level 1
            s.deleteRange(Bytes.utf8("k050"), Bytes.utf8("k060"));
            s.delete(Bytes.utf8("k070"));
            s.put(Bytes.utf8("k001"), Bytes.utf8("overwritten"));
            s.flush(); // level 0
            for (int i = 200; i < 210; i++) {
                s.put(Bytes.utf8(String.format("k%03d", i)), Bytes.utf8("in-the-log-" + i));
            }
            s.delete(Bytes.utf8("k100")); // stays in the log
        }
    }
}
