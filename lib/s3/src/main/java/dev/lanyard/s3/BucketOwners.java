package dev.lanyard.s3;

import dev.lanyard.aws.AccountId;
import java.util.Optional;

/**
 * The hook through which the classifier learns who owns a bucket, for {@code s3:ResourceAccount} and for the
 * gateway's same-account or cross-account evaluation. Implementations answer from memory (the gateway's bucket
 * ownership registry); the classifier calls it once per bucket the request names.
 */
@FunctionalInterface
public interface BucketOwners {
    /** Empty when the bucket has no recorded owner (then {@code s3:ResourceAccount} is absent). */
    Optional<AccountId> ownerOf(String bucket);

    static BucketOwners unknown() {
        return bucket -> Optional.empty();
    }
}
