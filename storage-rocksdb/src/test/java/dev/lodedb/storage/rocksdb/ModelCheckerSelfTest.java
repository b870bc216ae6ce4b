package dev.lodedb.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lodedb.storage.KeyValueStore;
import dev.lodedb.storage.ModelChecker;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.Snapshot;
import dev.lodedb.storage.StoreFactory;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that {@link ModelChecker} catches bugs: it runs on {@link RocksDbStore} wrapped in
 * deliberately broken decorators and must fail, naming the seed and step.
 */
class ModelCheckerSelfTest {
    @TempDir
    Path tmp;

    /** A range delete that also deletes its (exclusive) end key. */
    @Test
    void catchesInclusiveRangeEnd() {
        assertCaught("inclusive-end", s -> new Forwarding(s) {
            @Override
            public void write(WriteOptions options, WriteBatch batch) {
                WriteBatch out = new WriteBatch();
                batch.forEach(new WriteBatch.Handler() {
                    @Override
                    public void put(byte[] key, byte[] value) {
                        out.put(key, value);
                    }

                    @Override
                    public void delete(byte[] key) {
                        out.delete(key);
                    }

                    @Override
                    public void deleteRange(byte[] start, byte[] end) {
                        out.deleteRange(start, end);
                        out.delete(end);
                    }
                });
                super.write(options, out);
            }
        });
    }

    /** Gets that ignore their snapshot and read the latest state. */
    @Test
    void catchesGetsIgnoringSnapshots() {
        assertCaught("no-snapshot-get", s -> new Forwarding(s) {
            @Override
            public byte[] get(ReadOptions options, byte[] key) {
                return super.get(options.withSnapshot(null), key);
            }
        });
    }

    /** seekForPrev that skips an exact match (exclusive instead of inclusive). */
    @Test
    void catchesExclusiveSeekForPrev() {
        assertCaught("exclusive-seekForPrev", s -> new Forwarding(s) {
            @Override
            public StoreIterator newIterator(ReadOptions options) {
                StoreIterator it = super.newIterator(options);
                return (StoreIterator) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {StoreIterator.class}, (proxy, method, args) -> {
                            Object r = method.invoke(it, args);
                            if (method.getName().equals("seekForPrev") && it.isValid()
                                    && Arrays.equals(it.key(), (byte[]) args[0])) {
                                it.prev();
                            }
                            return r;
                        });
            }
        });
    }

    private void assertCaught(String name, UnaryOperator<KeyValueStore> breakIt) {
        StoreFactory broken = StoreFactory.of("broken-" + name,
                dir -> breakIt.apply(RocksDbTestStores.factory().open(dir)));
        AssertionError e = assertThrows(AssertionError.class,
                () -> ModelChecker.builder(broken, tmp.resolve(name)).seed(7).steps(3000).build().run());
        String msg = e.getMessage();
        assertTrue(msg.contains("seed=7") && msg.contains("step=") && msg.contains("op:"), msg);
    }

    /** Delegates every call to another store. */
    private static class Forwarding implements KeyValueStore {
        private final KeyValueStore d;

        Forwarding(KeyValueStore d) {
            this.d = d;
        }

        @Override
        public byte[] get(ReadOptions options, byte[] key) {
            return d.get(options, key);
        }

        @Override
        public StoreIterator newIterator(ReadOptions options) {
            return d.newIterator(options);
        }

        @Override
        public void write(WriteOptions options, WriteBatch batch) {
            d.write(options, batch);
        }

        @Override
        public Snapshot getSnapshot() {
            return d.getSnapshot();
        }

        @Override
        public void releaseSnapshot(Snapshot snapshot) {
            d.releaseSnapshot(snapshot);
        }

        @Override
        public void checkpoint(Path target) {
            d.checkpoint(target);
        }

        @Override
        public void compactRange(byte[] begin, byte[] end) {
            d.compactRange(begin, end);
        }

        @Override
        public void flush() {
            d.flush();
        }

        @Override
        public Map<String, Long> properties() {
            return d.properties();
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
