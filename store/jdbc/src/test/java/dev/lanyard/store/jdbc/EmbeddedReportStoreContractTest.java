package dev.lanyard.store.jdbc;

import dev.lanyard.iam.spi.ReportStore;
import dev.lanyard.store.testing.ReportStoreContract;
import dev.lanyard.tokens.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The embedded H2 store's reports against the contract; "another node" is a second report store on its database. */
class EmbeddedReportStoreContractTest extends ReportStoreContract {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private final List<JdbcIamStore> opened = new ArrayList<>();
    private final Map<ReportStore, JdbcIamStore> stores = new HashMap<>();

    @Override
    protected ReportStore newStore() {
        try {
            JdbcIamStore store = EmbeddedDatabase.open(Files.createTempDirectory("lanyard-reports"), MASTER,
                    Clock.systemUTC());
            opened.add(store);
            ReportStore reports = JdbcReportStore.of(store);
            stores.put(reports, store);
            return reports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected ReportStore anotherNode(ReportStore store) {
        return JdbcReportStore.of(stores.get(store));
    }

    @Override
    protected void closeAll() {
        opened.forEach(JdbcIamStore::close);
    }
}
