package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * A bucket the S3 gateway fronts: the account that owns it (who created it through the gateway, or whom an operator
 * mapped it to) and its bucket policy, which Lanyard stores because S3-compatible backends mostly have none.
 *
 * @param policy the bucket policy exactly as the owner put it (already validated), empty when none
 */
public record S3Bucket(String name, AccountId owner, Optional<String> policy, Instant created) {
    public S3Bucket {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(created, "created is null");
    }

    public S3Bucket withPolicy(Optional<String> newPolicy) {
        return new S3Bucket(name, owner, newPolicy, created);
    }

    public S3Bucket withOwner(AccountId newOwner) {
        return new S3Bucket(name, newOwner, policy, created);
    }

    @Override
    public String toString() {
        return "S3Bucket[" + name + ", owner=" + owner + ", policy=" + (policy.isPresent() ? "set" : "none") + "]";
    }
}
