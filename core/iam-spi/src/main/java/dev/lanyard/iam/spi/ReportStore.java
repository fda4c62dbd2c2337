package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where IAM's generated reports (the credential report, service last-accessed and Organizations access report jobs)
 * are kept, so that a report generated through one node is read through any other and outlives a restart. A report is
 * an opaque text body the IAM API writes and reads; the store only keys and times it.
 */
public interface ReportStore {
    /** Stores the report, replacing the one with the same account, kind and ID. */
    void save(Report report);

    /** The account's report of that kind and ID. */
    Optional<Report> find(AccountId account, Kind kind, String id);

    /** How many reports of that kind the account generated at or after {@code since}. */
    int countSince(AccountId account, Kind kind, Instant since);

    /** Forgets every report of that kind generated before {@code before} (in any account). */
    void deleteBefore(Kind kind, Instant before);

    enum Kind { CREDENTIAL_REPORT, SERVICE_LAST_ACCESSED, ORGANIZATIONS_ACCESS }

    /** One report: whose, which, when it was generated, and its body. */
    record Report(AccountId account, Kind kind, String id, Instant generated, String body) {
        public Report {
            requireNonNull(account, "account is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(id, "id is null");
            requireNonNull(generated, "generated is null");
            requireNonNull(body, "body is null");
        }
    }
}
