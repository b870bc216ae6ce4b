package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.StoreFactory;
import dev.lodedb.storage.StoreModelTest;
import dev.lodedb.storage.lsm.LsmOptions;
import dev.lodedb.storage.lsm.LsmStore;

/**
 * The same random operation sequence on LodeDB's LSM and on RocksDB, in lockstep: after every
 * step both must agree with the in-memory model and with each other. Small buffers on the LSM
 * side so that the run crosses flushes and compactions. Short in the default suite, long with
 * {@code -Pstress}.
 */
class LsmVsRocksDbModelTest extends StoreModelTest {
    @Override
    protected StoreFactory factory() {
        return StoreFactory.of("lode", dir -> LsmStore.open(dir, new LsmOptions()
                .writeBufferSize(16 << 10).blockSize(1024).targetFileSize(64 << 10)
                .maxBytesForLevelBase(256 << 10).level0CompactionTrigger(2)));
    }

    @Override
    protected StoreFactory lockstepPeer() {
        return RocksDbTestStores.factory();
    }
}
