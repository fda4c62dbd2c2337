package dev.lanyard.store.testing;

import dev.lanyard.iam.spi.ReportStore;

/** The in-memory report store against the contract: one process, so "another node" is the store itself. */
class InMemoryReportStoreContractTest extends ReportStoreContract {
    @Override
    protected ReportStore newStore() {
        return new InMemoryReportStore();
    }

    @Override
    protected ReportStore anotherNode(ReportStore store) {
        return store;
    }

    @Override
    protected void closeAll() {
    }
}
