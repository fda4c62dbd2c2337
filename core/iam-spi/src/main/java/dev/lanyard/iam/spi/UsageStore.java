package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where last-used facts (IAM's RoleLastUsed, GetAccessKeyLastUsed, PasswordLastUsed, service last-accessed data) outlive a restart and reach the other nodes. Written
 * in batches, never per request; a save keeps the later of what is stored and what is given.
 */
public interface UsageStore {
    /** Every fact stored. */
    Map<Subject, LastUsed> loadLastUsed();

    /**
     * The facts saved at or after {@code since} by the clock of the node that saved them (a store may give more): what
     * changed since an earlier load, for a reader that goes back far enough to cover the nodes' clock differences.
     */
    Map<Subject, LastUsed> loadSavedSince(Instant since);

    /** Stores each fact unless a later one is already stored. */
    void saveLastUsed(Map<Subject, LastUsed> facts);

    /**
     * What was used: an access key (by its ID), a role (by its ARN), a user's password (by the user's ID), or a
     * service or one of its actions by an IAM entity (a user, a role, or an account's root user).
     */
    record Subject(Kind kind, String id) {
        public Subject {
            requireNonNull(kind, "kind is null");
            requireNonNull(id, "id is null");
        }

        /** {@code s3} accessed by the entity {@code arn}: the namespace first, as it holds no space and an ARN may. */
        public static Subject service(String namespace, String entityArn) {
            return new Subject(Kind.SERVICE, namespace + " " + entityArn);
        }

        /** {@code s3:GetObject} attempted by the entity {@code arn}. */
        public static Subject action(String action, String entityArn) {
            return new Subject(Kind.ACTION, action + " " + entityArn);
        }

        /** For {@link Kind#SERVICE} and {@link Kind#ACTION}: the namespace or action. */
        public String accessed() {
            return id.substring(0, id.indexOf(' '));
        }

        /** For {@link Kind#SERVICE} and {@link Kind#ACTION}: the entity's ARN. */
        public String entityArn() {
            return id.substring(id.indexOf(' ') + 1);
        }
    }

    enum Kind { ACCESS_KEY, ROLE, PASSWORD, SERVICE, ACTION }

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
