package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.policy.ContextKeys;
import java.util.Map;
import java.util.Optional;

/**
 * One authorization request AWS makes for an S3 operation: an IAM action on one resource with the S3 condition keys
 * that action takes. The pipeline adds the global keys ({@code aws:SourceIp}, {@code aws:PrincipalTag/...}, ...).
 *
 * @param action {@code s3:GetObject}, ...
 * @param resource {@code arn:aws:s3:::bucket}, {@code arn:aws:s3:::bucket/key}, or {@code *} for ListAllMyBuckets
 * @param keys the S3 keys of this request that the action takes (Service Authorization Reference, Amazon S3 actions
 *     table); a key the action does not list is never present
 * @param resourceAccount the bucket owner, when the {@link BucketOwners} hook knows it
 * @param existingObjectTagsOf the object whose tags {@code s3:ExistingObjectTag/<key>} describes, when the action
 *     takes that key: the gateway fetches the tags only if an applicable policy mentions such a key, and then calls
 *     {@link #withExistingObjectTags}
 */
public record S3Authorization(String action, String resource, ContextKeys keys, Optional<AccountId> resourceAccount,
        Optional<ObjectRef> existingObjectTagsOf) {
    /** The prefix of the per-tag keys; a policy that mentions it needs the object's tags looked up. */
    public static final String EXISTING_OBJECT_TAG_PREFIX = "s3:ExistingObjectTag/";

    public S3Authorization {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(keys, "keys is null");
        requireNonNull(resourceAccount, "resourceAccount is null");
        requireNonNull(existingObjectTagsOf, "existingObjectTagsOf is null");
    }

    /**
     * This authorization with {@code s3:ExistingObjectTag/<key>} set for each of the object's tags (the object's tag
     * set as the backend returned it; empty for an object without tags).
     *
     * @throws IllegalStateException when the action does not take existing object tags
     */
    public S3Authorization withExistingObjectTags(Map<String, String> tags) {
        if (existingObjectTagsOf.isEmpty()) {
            throw new IllegalStateException(action + " does not take s3:ExistingObjectTag keys");
        }
        ContextKeys.Builder builder = ContextKeys.builder().putAll(keys);
        tags.forEach((key, value) -> builder.put(EXISTING_OBJECT_TAG_PREFIX + key, value));
        return new S3Authorization(action, resource, builder.build(), resourceAccount, Optional.empty());
    }
}
