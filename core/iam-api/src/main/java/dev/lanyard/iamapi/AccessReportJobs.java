package dev.lanyard.iamapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.spi.ReportStore;
import dev.lanyard.iam.spi.ReportStore.Kind;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The report jobs of GenerateServiceLastAccessedDetails and GenerateOrganizationsAccessReport, by job ID, in the
 * report store, so any node answers for a job another generated. A report is computed when the job is generated, so
 * a job is complete as soon as its ID is returned. Jobs are kept for {@link #KEPT}, and a job is found only by the
 * account that started it.
 */
final class AccessReportJobs {
    static final Duration KEPT = Duration.ofDays(7);
    /**
     * AWS refuses an Organizations access report while "the maximum number of concurrent requests for this account
     * are already running". Lanyard's jobs finish inside the request, so none is ever running; an account's jobs of
     * the last {@link #RUNNING_FOR} count as running instead, at most {@link #CONCURRENT} of them (our choice).
     */
    static final Duration RUNNING_FOR = Duration.ofMinutes(1);
    static final int CONCURRENT = 10;
    private final ReportStore store;

    AccessReportJobs(ReportStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** A finished job: who started it, when, and its report. */
    record Job(String jobId, AccountId account, Instant created, Report report) {
    }

    /** What a job reports. */
    sealed interface Report permits ServiceReport, OrganizationsReport {
    }

    record ServiceReport(ServiceLastAccessed.Granularity granularity, ServiceLastAccessed data) implements Report {
    }

    record OrganizationsReport(OrganizationsAccessReport data) implements Report {
    }

    /** ReportGenerationLimitExceeded when the account has as many Organizations jobs "running" as it may. */
    void requireOrganizationsCapacity(AccountId account, Instant now) {
        if (store.countSince(account, Kind.ORGANIZATIONS_ACCESS, now.minus(RUNNING_FOR)) >= CONCURRENT) {
            throw IamErrors.reportGenerationLimitExceeded();
        }
    }

    /** Records a finished job under a new random job ID (a version 4 UUID, as AWS's job IDs are) and returns it. */
    Job add(AccountId account, Instant now, Report report, SecureRandom random) {
        Kind kind = kind(report);
        store.deleteBefore(kind, now.minus(KEPT));
        Job job = new Job(newJobId(random), account, now, report);
        store.save(new ReportStore.Report(account, kind, job.jobId(), now, AccessReportJson.write(report)));
        return job;
    }

    /** The account's job of that ID and kind, unless it is older than {@link #KEPT}. */
    Optional<Job> find(AccountId account, Kind kind, String jobId, Instant now) {
        return store.find(account, kind, jobId).filter(stored -> !stored.generated().plus(KEPT).isBefore(now))
                .map(stored -> new Job(jobId, account, stored.generated(), switch (kind) {
                    case SERVICE_LAST_ACCESSED -> AccessReportJson.readService(stored.body());
                    case ORGANIZATIONS_ACCESS -> AccessReportJson.readOrganizations(stored.body());
                    case CREDENTIAL_REPORT -> throw new IllegalArgumentException("a credential report is no job");
                }));
    }

    private static Kind kind(Report report) {
        return switch (report) {
            case ServiceReport s -> Kind.SERVICE_LAST_ACCESSED;
            case OrganizationsReport o -> Kind.ORGANIZATIONS_ACCESS;
        };
    }

    private static String newJobId(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }
}
