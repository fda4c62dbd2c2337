package dev.lanyard.store.testing;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.spi.ReportStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** IAM's generated reports in memory, keyed as the JDBC store keys them. */
public final class InMemoryReportStore implements ReportStore {
    private final Map<Key, Report> reports = new ConcurrentHashMap<>();

    private record Key(AccountId account, Kind kind, String id) {
    }

    @Override
    public void save(Report report) {
        reports.put(new Key(report.account(), report.kind(), report.id()), report);
    }

    @Override
    public Optional<Report> find(AccountId account, Kind kind, String id) {
        return Optional.ofNullable(reports.get(new Key(account, kind, id)));
    }

    @Override
    public int countSince(AccountId account, Kind kind, Instant since) {
        return (int) reports.values().stream().filter(r -> r.account().equals(account) && r.kind() == kind
                && !r.generated().isBefore(since)).count();
    }

    @Override
    public void deleteBefore(Kind kind, Instant before) {
        reports.values().removeIf(r -> r.kind() == kind && r.generated().isBefore(before));
    }
}
