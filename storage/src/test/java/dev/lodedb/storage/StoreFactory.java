package dev.lodedb.storage;

import java.nio.file.Path;

/**
 * Opens one kind of {@link KeyValueStore} for the backend-agnostic test harnesses
 * ({@link KeyValueStoreContract}, {@link StoreModelTest}, {@link ModelChecker}). A factory is how a
 * backend plugs into them; it is usually a lambda-backed anonymous class or a small record in the
 * backend's test sources, e.g. for RocksDB:
 * <pre>{@code
 * StoreFactory f = StoreFactory.of("rocksdb", dir -> RocksDbStore.open(dir, new LsmOptions()));
 * }</pre>
 *
 * <p>Implementations must be thread-safe and stateless between calls: the harnesses open, close
 * and reopen stores freely, several at once in different directories.
 */
public interface StoreFactory {

    /**
     * Opens the store in {@code dir}, creating it when the directory is missing or empty. Opening
     * an existing store must show exactly what was written to it before it was closed.
     *
     * @param dir the store directory (it may not exist yet; its parent does)
     * @return the open store, owned by the caller
     * @throws StoreException if the directory is in use (already open) or on I/O failure; the
     *     message must name {@code dir}
     */
    KeyValueStore open(Path dir);

    /** @return a short name of the backend for test and failure messages, e.g. "rocksdb" */
    String name();

    /** The {@link #open(Path)} function of a factory, for {@link #of(String, Opener)}. */
    @FunctionalInterface
    interface Opener {
        /** @return the store in {@code dir}, as {@link StoreFactory#open(Path)} */
        KeyValueStore open(Path dir);
    }

    /**
     * @param name the backend name returned by {@link #name()}
     * @param opener what {@link #open(Path)} does
     * @return a factory made of the two
     */
    static StoreFactory of(String name, Opener opener) {
        return new StoreFactory() {
            @Override
            public KeyValueStore open(Path dir) {
                return opener.open(dir);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
