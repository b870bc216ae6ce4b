package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.StoreFactory;
import dev.lodedb.storage.lsm.LsmOptions;

/** Store factories for the RocksDB tests: small buffers so that tests reach table files quickly. */
final class RocksDbTestStores {
    private RocksDbTestStores() {
    }

    /** @return options with a 1 MiB write buffer, 4 MiB cache, small level targets */
    static LsmOptions testOptions() {
        return new LsmOptions()
                .writeBufferSize(1 << 20)
                .blockCacheSize(4 << 20)
                .maxBytesForLevelBase(4 << 20)
                .targetFileSize(1 << 20);
    }

    /** @return a factory opening {@link RocksDbStore}s with {@link #testOptions()} */
    static StoreFactory factory() {
        return StoreFactory.of("rocksdb", dir -> RocksDbStore.open(dir, testOptions()));
    }
}
