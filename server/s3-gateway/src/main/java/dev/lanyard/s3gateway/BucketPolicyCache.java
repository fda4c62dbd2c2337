package dev.lanyard.s3gateway;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket policies parsed and bound to their principals' unique IDs once per version of the bucket, not per request.
 * An entry is kept with the registry's {@link S3Bucket} it was built from and reused while the registry hands out that
 * same value: PutBucketPolicy, DeleteBucketPolicy, a new owner, and a policy put again after a principal was deleted
 * and recreated (new unique IDs) each make a new value, on this node at once and on the others when their registry
 * reloads from the shared store, so a stale entry is never used. The unique IDs are those bound when the policy was
 * put, which is why a recreated role stops matching until the owner puts the policy again (as in AWS).
 */
final class BucketPolicyCache {
    static final int MAX_BUCKETS = 10_000;

    private record Entry(S3Bucket bucket, Optional<LabeledPolicy> policy) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The bucket's policy as its resource-based policy, principals matched by their bound unique IDs. */
    Optional<LabeledPolicy> policyOf(S3Bucket bucket) {
        Entry entry = entries.get(bucket.name());
        // Identity first: the registry hands out the same value until the bucket changes or the registry reloads.
        if (entry != null && (entry.bucket() == bucket || entry.bucket().equals(bucket))) {
            return entry.policy();
        }
        Optional<LabeledPolicy> built = bucket.policy().map(text -> new LabeledPolicy(new PolicyRef(
                PolicySource.RESOURCE, "bucket-policy:" + bucket.name()),
                parsed(text).withPrincipalUniqueIds(bucket.principalIds())));
        if (entries.size() >= MAX_BUCKETS) {
            // More buckets than an entry each: start over rather than grow (each comes back on its next request).
            entries.clear();
        }
        entries.put(bucket.name(), new Entry(bucket, built));
        return built;
    }

    private static PolicyDocument parsed(String text) {
        // Validated when it was put; a text a newer parser refuses must not lift the bucket's protection silently.
        return switch (PolicyParser.parse(text, PolicyKind.RESOURCE)) {
            case ParseResult.Valid valid -> valid.document();
            case ParseResult.Invalid invalid -> throw new S3Exception(S3ErrorCode.INTERNAL_ERROR,
                    S3ErrorCode.INTERNAL_ERROR.defaultMessage(), List.of(),
                    "a stored bucket policy no longer parses: " + invalid.message());
        };
    }
}
