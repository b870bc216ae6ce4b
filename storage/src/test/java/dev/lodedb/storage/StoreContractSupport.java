package dev.lodedb.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lodedb.storage.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures and assertion helpers shared by the contract test classes ({@link IteratorContract},
 * {@link KeyValueStoreContract}): a temporary directory per test, stores opened through the
 * subclass's {@link StoreFactory} and closed after each test, and readable byte-string
 * comparisons. Not a test class by itself.
 */
public abstract class StoreContractSupport {
    /** A fresh directory per test; stores live in sub-directories of it. */
    @TempDir
    protected Path tmp;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    /** @return the factory of the backend under test */
    protected abstract StoreFactory factory();

    /** Closes every store, iterator and snapshot the test opened through the helpers. */
    @AfterEach
    void closeAll() throws Exception {
        Exception first = null;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** @return the store in {@code tmp/name}, closed after the test */
    protected KeyValueStore open(String name) {
        return open(tmp.resolve(name));
    }

    /** @return the store in {@code dir}, closed after the test */
    protected KeyValueStore open(Path dir) {
        KeyValueStore s = factory().open(dir);
        toClose.push(s);
        return s;
    }

    /** @return a fresh store in {@code tmp/db}, closed after the test */
    protected KeyValueStore open() {
        return open("db");
    }

    /** Registers {@code c} to be closed after the test (before the stores opened earlier). */
    protected <T extends AutoCloseable> T closeLater(T c) {
        toClose.push(c);
        return c;
    }

    /** @return the UTF-8 bytes of {@code s} */
    protected static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the bytes given as ints 0..255 */
    protected static byte[] bytes(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    /** @return a human-readable rendering of {@code b} ({@code \xNN} for non-printables) */
    protected static String show(byte[] b) {
        return Bytes.toDisplay(b);
    }

    /** Asserts that {@code key} reads as {@code expected} (a string, or null for absent). */
    protected static void assertGet(KeyValueStore s, String key, String expected) {
        assertGet(s, ReadOptions.DEFAULT, b(key), expected == null ? null : b(expected));
    }

    /** Asserts that {@code key} reads as {@code expected} (null for absent) with {@code ro}. */
    protected static void assertGet(KeyValueStore s, ReadOptions ro, byte[] key, byte[] expected) {
        byte[] actual = s.get(ro, key);
        if (expected == null) {
            assertNull(actual, () -> "expected " + show(key) + " absent, got " + show(actual));
        } else {
            assertArrayEquals(expected, actual, () -> "value of " + show(key) + " was " + show(actual)
                    + ", expected " + show(expected));
        }
    }

    /** @return the keys of a full forward scan with {@code ro}, rendered with {@link #show} */
    protected static List<String> keys(KeyValueStore s, ReadOptions ro) {
        List<String> out = new ArrayList<>();
        try (StoreIterator it = s.newIterator(ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(show(it.key()));
            }
        }
        return out;
    }

    /** @return the keys of a full forward scan */
    protected static List<String> keys(KeyValueStore s) {
        return keys(s, ReadOptions.DEFAULT);
    }

    /** @return "key=value" entries of a full forward scan with {@code ro} */
    protected static List<String> entries(KeyValueStore s, ReadOptions ro) {
        List<String> out = new ArrayList<>();
        try (StoreIterator it = s.newIterator(ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(show(it.key()) + "=" + show(it.value()));
            }
        }
        return out;
    }

    /** @return the keys of a full backward scan with {@code ro}, in the order visited */
    protected static List<String> keysBackward(KeyValueStore s, ReadOptions ro) {
        List<String> out = new ArrayList<>();
        try (StoreIterator it = s.newIterator(ro)) {
            for (it.seekToLast(); it.isValid(); it.prev()) {
                out.add(show(it.key()));
            }
        }
        return out;
    }

    /** @return {@code List.of(keys)}, for comparing with {@link #keys} */
    protected static List<String> list(String... keys) {
        return List.of(keys);
    }

    /** Asserts the iterator is at {@code key} with {@code value} (null: any value). */
    protected static void assertAt(StoreIterator it, String key, String value) {
        assertAt(it, b(key), value == null ? null : b(value));
    }

    /** Asserts the iterator is at {@code key} with {@code value} (null: any value). */
    protected static void assertAt(StoreIterator it, byte[] key, byte[] value) {
        assertTrue(it.isValid(), () -> "iterator invalid, expected it at " + show(key));
        assertEquals(show(key), show(it.key()));
        if (value != null) {
            assertEquals(show(value), show(it.value()), () -> "value at " + show(key));
        }
    }

    /** Asserts the iterator is not positioned at an entry. */
    protected static void assertInvalid(StoreIterator it) {
        assertFalse(it.isValid(), () -> "expected invalid iterator, it is at " + show(it.key()));
    }

    /** Puts {@code k=v} for each pair of strings. */
    protected static void putAll(KeyValueStore s, String... kv) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < kv.length; i += 2) {
            batch.put(b(kv[i]), b(kv[i + 1]));
        }
        s.write(WriteOptions.DEFAULT, batch);
    }
}
