package dev.lanyard.store.jdbc;

import dev.lanyard.iam.spi.ReportStore;
import dev.lanyard.store.testing.PostgresServer;
import dev.lanyard.store.testing.ReportStoreContract;
import dev.lanyard.tokens.MasterKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The reports on a real PostgreSQL: "another node" opens the same database again, as a second node does. */
class PostgresReportStoreContractTest extends ReportStoreContract {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;
    private final List<JdbcIamStore> opened = new ArrayList<>();
    private final Map<ReportStore, String> urls = new HashMap<>();

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private ReportStore open(String url) {
        JdbcIamStore store = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
        opened.add(store);
        ReportStore reports = JdbcReportStore.of(store);
        urls.put(reports, url);
        return reports;
    }

    @Override
    protected ReportStore newStore() {
        return open(postgres.createDatabase("reports" + DATABASES.incrementAndGet()));
    }

    @Override
    protected ReportStore anotherNode(ReportStore store) {
        return open(urls.get(store));
    }

    @Override
    protected void closeAll() {
        opened.forEach(JdbcIamStore::close);
    }
}
