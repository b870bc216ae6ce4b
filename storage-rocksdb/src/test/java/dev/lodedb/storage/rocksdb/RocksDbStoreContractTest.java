package dev.lodedb.storage.rocksdb;

import dev.lodedb.storage.KeyValueStoreContract;
import dev.lodedb.storage.StoreFactory;

/** Runs the backend-agnostic {@link KeyValueStoreContract} on {@link RocksDbStore}. */
class RocksDbStoreContractTest extends KeyValueStoreContract {
    @Override
    protected StoreFactory factory() {
        return RocksDbTestStores.factory();
    }
}
