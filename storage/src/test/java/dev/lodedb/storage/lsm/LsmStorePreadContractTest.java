package dev.lodedb.storage.lsm;

import dev.lodedb.storage.KeyValueStoreContract;
import dev.lodedb.storage.StoreFactory;

/** The store contract with table files read by pread instead of the default memory mapping. */
class LsmStorePreadContractTest extends KeyValueStoreContract {
    @Override
    protected StoreFactory factory() {
        return StoreFactory.of("lode-pread", dir -> LsmStore.open(dir, LsmTestSupport.smallOptions().mmapReads(false)));
    }
}
