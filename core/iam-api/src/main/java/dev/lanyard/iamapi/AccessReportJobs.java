package dev.lanyard.iamapi;

import dev.lanyard.aws.AccountId;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The report jobs of GenerateServiceLastAccessedDetails and GenerateOrganizationsAccessReport, by job ID, on this
 * node. A report is computed when it is asked for, so a job is complete as soon as its ID is returned. Jobs are kept
 * for {@link #KEPT}, and a job is found only by the account that started it.
 */
final class AccessReportJobs {
    static final Duration KEPT = Duration.ofDays(7);
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

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

    /** Records a finished job under a new random job ID (a version 4 UUID, as AWS's job IDs are) and returns it. */
    Job add(AccountId account, Instant now, Report report, SecureRandom random) {
        jobs.values().removeIf(job -> job.created().plus(KEPT).isBefore(now));
        Job job = new Job(newJobId(random), account, now, report);
        jobs.put(job.jobId(), job);
        return job;
    }

    Optional<Job> find(AccountId account, String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(job -> job.account().equals(account));
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
