package dev.lanyard.store.testing;

import dev.lanyard.iam.spi.IamStore;

/** The in-memory store against the same contract as the JDBC stores. */
class InMemoryIamStoreContractTest extends IamStoreContract {
    @Override
    protected IamStore newStore() {
        return InMemoryIamStore.empty();
    }

    @Override
    protected IamStore reopen(IamStore store) {
        store.close();
        return InMemoryIamStore.empty();
    }
}
