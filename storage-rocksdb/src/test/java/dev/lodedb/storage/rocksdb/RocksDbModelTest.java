package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.StoreFactory;
import dev.lodedb.storage.StoreModelTest;

/**
 * Runs the {@link dev.lodedb.storage.ModelChecker} on {@link RocksDbStore}: a short run in the
 * default suite, long runs with {@code -Pstress}. The lockstep peer is a second RocksDB store,
 * which exercises the lockstep mode itself (the LSM backend will use RocksDB as its peer).
 */
class RocksDbModelTest extends StoreModelTest {
    @Override
    protected StoreFactory factory() {
        return RocksDbTestStores.factory();
    }

    @Override
    protected StoreFactory lockstepPeer() {
        return RocksDbTestStores.factory();
    }
}
