package dev.lodedb.storage.lsm;

import dev.lodedb.storage.KeyValueStoreContract;
import dev.lodedb.storage.StoreFactory;

/** Runs the backend-agnostic {@link KeyValueStoreContract} on {@link LsmStore}. */
class LsmStoreContractTest extends KeyValueStoreContract {
    @Override
    protected StoreFactory factory() {
        return StoreFactory.of("lode", dir -> LsmStore.open(dir, LsmTestSupport.smallOptions()));
    }
}
