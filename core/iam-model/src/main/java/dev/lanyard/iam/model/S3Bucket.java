package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket the S3 gateway fronts: the account that owns it (who created it through the gateway, or whom an operator
 * mapped it to) and its bucket policy, which Lanyard stores because S3-compatible backends mostly have none.
 *
 * @param policy the bucket policy exactly as the owner put it (already validated), empty when none
 * @param principalIds the IAM user and role ARNs the policy names as principals, bound to the unique IDs the entities
 *     had when it was put (as AWS binds them): the policy matches callers by those IDs; empty without a policy, and
 *     for a policy stored before bindings were kept (it then matches by ARN until it is put again)
 */
public record S3Bucket(String name, AccountId owner, Optional<String> policy, Instant created,
        Map<String, String> principalIds) {
    public S3Bucket {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(created, "created is null");
        principalIds = Map.copyOf(principalIds);
        if (policy.isEmpty() && !principalIds.isEmpty()) {
            throw new IllegalArgumentException("principal bindings without a policy: " + name);
        }
    }

    /** A bucket whose policy, if any, binds no principals. */
    public S3Bucket(String name, AccountId owner, Optional<String> policy, Instant created) {
        this(name, owner, policy, created, Map.of());
    }

    /** This bucket with {@code newPolicy} binding no principals, or without a policy. */
    public S3Bucket withPolicy(Optional<String> newPolicy) {
        return new S3Bucket(name, owner, newPolicy, created, Map.of());
    }

    /** This bucket with {@code newPolicy} and the unique IDs of the principals it names. */
    public S3Bucket withPolicy(String newPolicy, Map<String, String> ids) {
        return new S3Bucket(name, owner, Optional.of(newPolicy), created, ids);
    }

    public S3Bucket withOwner(AccountId newOwner) {
        return new S3Bucket(name, newOwner, policy, created, principalIds);
    }

    @Override
    public String toString() {
        return "S3Bucket[" + name + ", owner=" + owner + ", policy=" + (policy.isPresent() ? "set" : "none") + "]";
    }
}
