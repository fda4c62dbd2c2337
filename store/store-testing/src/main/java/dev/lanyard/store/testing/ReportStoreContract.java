package dev.lanyard.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.spi.ReportStore;
import dev.lanyard.iam.spi.ReportStore.Kind;
import dev.lanyard.iam.spi.ReportStore.Report;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every ReportStore must do; each implementation's test class extends this. */
public abstract class ReportStoreContract {
    protected static final AccountId OWNER = AccountId.of("123456789012");
    protected static final AccountId OTHER = AccountId.of("210987654321");
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A fresh, empty store. */
    protected abstract ReportStore newStore();

    /** Another node's view of the same store's data (for a store in memory, the store itself). */
    protected abstract ReportStore anotherNode(ReportStore store);

    /** Closes every store this test opened. */
    protected abstract void closeAll();

    @AfterEach
    void close() {
        closeAll();
    }

    @Test
    void aReportIsFoundByItsAccountKindAndIdOnEveryNode() {
        ReportStore store = newStore();
        Report report = new Report(OWNER, Kind.CREDENTIAL_REPORT, "", T0, "user,arn\n<root_account>,é\n");
        store.save(report);
        ReportStore other = anotherNode(store);
        assertThat(other.find(OWNER, Kind.CREDENTIAL_REPORT, "")).contains(report);
        assertThat(other.find(OTHER, Kind.CREDENTIAL_REPORT, "")).isEmpty();
        assertThat(other.find(OWNER, Kind.SERVICE_LAST_ACCESSED, "")).isEmpty();
        assertThat(other.find(OWNER, Kind.CREDENTIAL_REPORT, "job")).isEmpty();
    }

    @Test
    void aSaveReplacesTheReportOfTheSameKey() {
        ReportStore store = newStore();
        store.save(new Report(OWNER, Kind.CREDENTIAL_REPORT, "", T0, "old"));
        Report regenerated = new Report(OWNER, Kind.CREDENTIAL_REPORT, "", T0.plusSeconds(14_401), "new");
        anotherNode(store).save(regenerated);
        assertThat(store.find(OWNER, Kind.CREDENTIAL_REPORT, "")).contains(regenerated);
    }

    @Test
    void countsAndDeletesGoByKindAndGenerationTime() {
        ReportStore store = newStore();
        store.save(new Report(OWNER, Kind.SERVICE_LAST_ACCESSED, "a", T0, "{}"));
        store.save(new Report(OWNER, Kind.SERVICE_LAST_ACCESSED, "b", T0.plusSeconds(60), "{}"));
        store.save(new Report(OTHER, Kind.SERVICE_LAST_ACCESSED, "c", T0.plusSeconds(60), "{}"));
        store.save(new Report(OWNER, Kind.ORGANIZATIONS_ACCESS, "d", T0, "{}"));
        ReportStore other = anotherNode(store);
        assertThat(other.countSince(OWNER, Kind.SERVICE_LAST_ACCESSED, T0)).isEqualTo(2);
        assertThat(other.countSince(OWNER, Kind.SERVICE_LAST_ACCESSED, T0.plusSeconds(60))).isEqualTo(1);
        assertThat(other.countSince(OWNER, Kind.ORGANIZATIONS_ACCESS, T0)).isEqualTo(1);
        other.deleteBefore(Kind.SERVICE_LAST_ACCESSED, T0.plusSeconds(60));
        assertThat(store.find(OWNER, Kind.SERVICE_LAST_ACCESSED, "a")).isEmpty();
        assertThat(store.find(OWNER, Kind.SERVICE_LAST_ACCESSED, "b")).isPresent();
        assertThat(store.find(OTHER, Kind.SERVICE_LAST_ACCESSED, "c")).isPresent();
        assertThat(store.find(OWNER, Kind.ORGANIZATIONS_ACCESS, "d")).isPresent();
    }
}
