package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where last-used facts (IAM's RoleLastUsed, GetAccessKeyLastUsed) outlive a restart and reach the other nodes. Written
 * in batches, never per request; a save keeps the later of what is stored and what is given.
 */
public interface UsageStore {
    /** Every fact stored. */
    Map<Subject, LastUsed> loadLastUsed();

    /**
     * The facts saved at or after {@code since} by the clock of the node that saved them: what changed since an
     * earlier load, for a reader that goes back far enough to cover the nodes' clock differences.
     */
    Map<Subject, LastUsed> loadSavedSince(Instant since);

    /** Stores each fact unless a later one is already stored. */
    void saveLastUsed(Map<Subject, LastUsed> facts);

    /** What was used: an access key (by its ID) or a role (by its ARN). */
    record Subject(Kind kind, String id) {
        public Subject {
            requireNonNull(kind, "kind is null");
            requireNonNull(id, "id is null");
        }
    }

    enum Kind { ACCESS_KEY, ROLE }

    /** When, where, and for a key with which service ({@code sts}, {@code iam}, {@code s3}...). */
    record LastUsed(Instant date, Optional<String> service, String region) {
        public LastUsed {
            requireNonNull(date, "date is null");
            requireNonNull(service, "service is null");
            requireNonNull(region, "region is null");
        }

        public LastUsed later(LastUsed other) {
            return other.date.isAfter(date) ? other : this;
        }
    }
}
