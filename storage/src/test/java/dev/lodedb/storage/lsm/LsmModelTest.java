package dev.lodedb.storage.lsm;

import dev.lodedb.storage.StoreFactory;
import dev.lodedb.storage.StoreModelTest;

/**
 * Runs the seeded model-based checker on {@link LsmStore} with small buffers, so that the random
 * operations cross memtable switches, flushes and compactions: a short run in the default suite,
 * long runs with {@code -Pstress}. The lockstep run against RocksDB lives in the storage-rocksdb
 * module (this module has no native dependency).
 */
class LsmModelTest extends StoreModelTest {
    @Override
    protected StoreFactory factory() {
        return StoreFactory.of("lode", dir -> LsmStore.open(dir, LsmTestSupport.smallOptions().writeBufferSize(16 << 10)));
    }
}
