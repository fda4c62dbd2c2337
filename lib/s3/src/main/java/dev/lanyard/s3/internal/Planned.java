package dev.lanyard.s3.internal;

import dev.lanyard.aws.Partition;
import dev.lanyard.s3.ObjectRef;
import java.util.Optional;

/**
 * One authorization to make, before its condition keys are filled in: the action and what it acts on (nothing for
 * ListAllMyBuckets, a bucket, or an object), and whether {@code s3:ExistingObjectTag/<key>} describes that object.
 */
public record Planned(S3Action action, Optional<String> bucket, Optional<ObjectRef> object,
        boolean existingObjectTags) {

    static Planned service(S3Action action) {
        return new Planned(action, Optional.empty(), Optional.empty(), false);
    }

    static Planned bucket(S3Action action, String bucket) {
        return new Planned(action, Optional.of(bucket), Optional.empty(), false);
    }

    /** On an object being written: it has no tags of its own to look up yet. */
    static Planned newObject(S3Action action, ObjectRef object) {
        return new Planned(action, Optional.of(object.bucket()), Optional.of(object), false);
    }

    /** On an existing object: {@code s3:ExistingObjectTag} applies if the action takes it. */
    static Planned existingObject(S3Action action, ObjectRef object) {
        return new Planned(action, Optional.of(object.bucket()), Optional.of(object),
                action.takes(ConditionKey.EXISTING_OBJECT_TAGS));
    }

    /** {@code arn:P:s3:::bucket}, {@code arn:P:s3:::bucket/key} in the served partition, or {@code *}. */
    public String resourceArn(Partition partition) {
        if (object.isPresent()) {
            return partition.s3(object.get().bucket() + '/' + object.get().key());
        }
        return bucket.map(partition::s3).orElse("*");
    }
}
