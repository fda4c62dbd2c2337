package dev.lanyard.s3.internal;

import static dev.lanyard.s3.internal.S3Action.*;

import dev.lanyard.s3.ObjectRef;
import dev.lanyard.s3.S3Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The authorizations AWS makes for each operation (the API Reference's "Permissions" sections and the user guide's
 * "Required permissions for Amazon S3 API operations"; docs/s3-mapping.md is the table with each row's source). All
 * of an operation's authorizations must be allowed; DeleteObjects authorizes each key of its body on its own.
 *
 * @param target the object the request addresses (with its {@code versionId}), for object operations
 * @param copySource the {@code x-amz-copy-source} object, for CopyObject and UploadPartCopy
 */
public record Planner(S3Operation operation, Optional<String> bucket, Optional<ObjectRef> target,
        Optional<ObjectRef> copySource, RequestKeys keys, Conditions conditions) {

    /** Header facts that add actions (each documented as "conditionally required"). */
    public record Conditions(boolean objectLockEnabled, boolean bypassGovernanceRetention) {
        public static Conditions of(Optional<String> objectLockEnabled, Optional<String> bypass) {
            return new Conditions(isTrue(objectLockEnabled), isTrue(bypass));
        }

        private static boolean isTrue(Optional<String> header) {
            return header.map(value -> value.trim().equalsIgnoreCase("true")).orElse(false);
        }
    }

    /** The same plan with the tag set a request body states (PutObjectTagging). */
    public Planner withRequestTags(Map<String, String> tags) {
        return new Planner(operation, bucket, target, copySource, keys.withRequestTags(tags), conditions);
    }

    /** The same plan with condition-key values a request body states. */
    public Planner withBodyKeys(Map<ConditionKey, String> bodyValues) {
        return new Planner(operation, bucket, target, copySource, keys.with(bodyValues), conditions);
    }

    public List<Planned> plan() {
        return switch (operation) {
            case LIST_BUCKETS -> List.of(Planned.service(LIST_ALL_MY_BUCKETS));
            case CREATE_BUCKET -> createBucket();
            case DELETE_BUCKET -> onBucket(DELETE_BUCKET);
            case HEAD_BUCKET, LIST_OBJECTS, LIST_OBJECTS_V2 -> onBucket(LIST_BUCKET);
            case LIST_OBJECT_VERSIONS -> onBucket(LIST_BUCKET_VERSIONS);
            case LIST_MULTIPART_UPLOADS -> onBucket(LIST_BUCKET_MULTIPART_UPLOADS);
            case DELETE_OBJECTS -> List.of(); // one authorization per key, once the body is read
            case GET_BUCKET_LOCATION -> onBucket(GET_BUCKET_LOCATION);
            case GET_BUCKET_POLICY -> onBucket(GET_BUCKET_POLICY);
            case PUT_BUCKET_POLICY -> onBucket(PUT_BUCKET_POLICY);
            case DELETE_BUCKET_POLICY -> onBucket(DELETE_BUCKET_POLICY);
            case GET_BUCKET_POLICY_STATUS -> onBucket(GET_BUCKET_POLICY_STATUS);
            case GET_BUCKET_VERSIONING -> onBucket(GET_BUCKET_VERSIONING);
            case PUT_BUCKET_VERSIONING -> onBucket(PUT_BUCKET_VERSIONING);
            case GET_BUCKET_ACL -> onBucket(GET_BUCKET_ACL);
            case PUT_BUCKET_ACL -> onBucket(PUT_BUCKET_ACL);
            case GET_BUCKET_TAGGING -> onBucket(GET_BUCKET_TAGGING);
            case PUT_BUCKET_TAGGING, DELETE_BUCKET_TAGGING -> onBucket(PUT_BUCKET_TAGGING);
            case GET_BUCKET_CORS -> onBucket(GET_BUCKET_CORS);
            case PUT_BUCKET_CORS, DELETE_BUCKET_CORS -> onBucket(PUT_BUCKET_CORS);
            case GET_BUCKET_LIFECYCLE_CONFIGURATION -> onBucket(GET_LIFECYCLE_CONFIGURATION);
            case PUT_BUCKET_LIFECYCLE_CONFIGURATION, DELETE_BUCKET_LIFECYCLE -> onBucket(PUT_LIFECYCLE_CONFIGURATION);
            case GET_BUCKET_ENCRYPTION -> onBucket(GET_ENCRYPTION_CONFIGURATION);
            case PUT_BUCKET_ENCRYPTION, DELETE_BUCKET_ENCRYPTION -> onBucket(PUT_ENCRYPTION_CONFIGURATION);
            case GET_OBJECT_LOCK_CONFIGURATION -> onBucket(GET_BUCKET_OBJECT_LOCK_CONFIGURATION);
            case PUT_OBJECT_LOCK_CONFIGURATION -> onBucket(PUT_BUCKET_OBJECT_LOCK_CONFIGURATION);
            case GET_BUCKET_OWNERSHIP_CONTROLS -> onBucket(GET_BUCKET_OWNERSHIP_CONTROLS);
            case PUT_BUCKET_OWNERSHIP_CONTROLS, DELETE_BUCKET_OWNERSHIP_CONTROLS ->
                    onBucket(PUT_BUCKET_OWNERSHIP_CONTROLS);
            case GET_PUBLIC_ACCESS_BLOCK -> onBucket(GET_BUCKET_PUBLIC_ACCESS_BLOCK);
            case PUT_PUBLIC_ACCESS_BLOCK, DELETE_PUBLIC_ACCESS_BLOCK -> onBucket(PUT_BUCKET_PUBLIC_ACCESS_BLOCK);
            case GET_BUCKET_WEBSITE -> onBucket(GET_BUCKET_WEBSITE);
            case PUT_BUCKET_WEBSITE -> onBucket(PUT_BUCKET_WEBSITE);
            case DELETE_BUCKET_WEBSITE -> onBucket(DELETE_BUCKET_WEBSITE);
            case GET_BUCKET_LOGGING -> onBucket(GET_BUCKET_LOGGING);
            case PUT_BUCKET_LOGGING -> onBucket(PUT_BUCKET_LOGGING);
            case GET_BUCKET_NOTIFICATION_CONFIGURATION -> onBucket(GET_BUCKET_NOTIFICATION);
            case PUT_BUCKET_NOTIFICATION_CONFIGURATION -> onBucket(PUT_BUCKET_NOTIFICATION);
            case GET_BUCKET_REQUEST_PAYMENT -> onBucket(GET_BUCKET_REQUEST_PAYMENT);
            case PUT_BUCKET_REQUEST_PAYMENT -> onBucket(PUT_BUCKET_REQUEST_PAYMENT);
            case GET_BUCKET_ACCELERATE_CONFIGURATION -> onBucket(GET_ACCELERATE_CONFIGURATION);
            case PUT_BUCKET_ACCELERATE_CONFIGURATION -> onBucket(PUT_ACCELERATE_CONFIGURATION);
            case GET_BUCKET_REPLICATION -> onBucket(GET_REPLICATION_CONFIGURATION);
            case PUT_BUCKET_REPLICATION, DELETE_BUCKET_REPLICATION -> onBucket(PUT_REPLICATION_CONFIGURATION);

            case GET_OBJECT, HEAD_OBJECT, SELECT_OBJECT_CONTENT -> onExisting(object(), GET_OBJECT, GET_OBJECT_VERSION);
            case PUT_OBJECT, CREATE_MULTIPART_UPLOAD -> write();
            case COPY_OBJECT -> concat(write(), onExisting(copySource.orElseThrow(), GET_OBJECT, GET_OBJECT_VERSION));
            case UPLOAD_PART, COMPLETE_MULTIPART_UPLOAD -> List.of(Planned.newObject(PUT_OBJECT, object()));
            case UPLOAD_PART_COPY -> concat(List.of(Planned.newObject(PUT_OBJECT, object())),
                    onExisting(copySource.orElseThrow(), GET_OBJECT, GET_OBJECT_VERSION));
            case DELETE_OBJECT -> deleteEntry(object(), conditions.bypassGovernanceRetention());
            case ABORT_MULTIPART_UPLOAD -> List.of(Planned.existingObject(ABORT_MULTIPART_UPLOAD, object()));
            case LIST_PARTS -> List.of(Planned.existingObject(LIST_MULTIPART_UPLOAD_PARTS, object()));
            case GET_OBJECT_TAGGING -> onExisting(object(), GET_OBJECT_TAGGING, GET_OBJECT_VERSION_TAGGING);
            case PUT_OBJECT_TAGGING -> onExisting(object(), PUT_OBJECT_TAGGING, PUT_OBJECT_VERSION_TAGGING);
            case DELETE_OBJECT_TAGGING -> onExisting(object(), DELETE_OBJECT_TAGGING, DELETE_OBJECT_VERSION_TAGGING);
            case GET_OBJECT_ACL -> onExisting(object(), GET_OBJECT_ACL, GET_OBJECT_VERSION_ACL);
            case PUT_OBJECT_ACL -> onExisting(object(), PUT_OBJECT_ACL, PUT_OBJECT_VERSION_ACL);
            case GET_OBJECT_ATTRIBUTES -> concat(onExisting(object(), GET_OBJECT, GET_OBJECT_VERSION),
                    onExisting(object(), GET_OBJECT_ATTRIBUTES, GET_OBJECT_VERSION_ATTRIBUTES));
            case GET_OBJECT_RETENTION -> List.of(Planned.existingObject(GET_OBJECT_RETENTION, object()));
            case PUT_OBJECT_RETENTION -> withBypass(List.of(Planned.existingObject(PUT_OBJECT_RETENTION, object())),
                    object(), conditions.bypassGovernanceRetention());
            case GET_OBJECT_LEGAL_HOLD -> List.of(Planned.existingObject(GET_OBJECT_LEGAL_HOLD, object()));
            case PUT_OBJECT_LEGAL_HOLD -> List.of(Planned.existingObject(PUT_OBJECT_LEGAL_HOLD, object()));
            case RESTORE_OBJECT -> List.of(Planned.existingObject(RESTORE_OBJECT, object()));
            case GET_OBJECT_TORRENT -> onExisting(object(), GET_OBJECT_TORRENT, GET_OBJECT_VERSION_TORRENT);
        };
    }

    /**
     * DeleteObject, and each key of DeleteObjects: {@code s3:DeleteObjectVersion} alone for a version (the API
     * Reference tells those who want to stop deletions to deny s3:DeleteObject and s3:DeleteObjectVersion both), and
     * {@code s3:BypassGovernanceRetention} when the request asks to bypass governance retention.
     */
    public static List<Planned> deleteEntry(ObjectRef object, boolean bypassGovernanceRetention) {
        S3Action action = object.versionId().isPresent() ? DELETE_OBJECT_VERSION : DELETE_OBJECT;
        return withBypass(List.of(Planned.existingObject(action, object)), object, bypassGovernanceRetention);
    }

    private static List<Planned> withBypass(List<Planned> planned, ObjectRef object, boolean bypass) {
        return bypass ? concat(planned, List.of(Planned.existingObject(BYPASS_GOVERNANCE_RETENTION, object))) : planned;
    }

    /** The plain action, or its {@code ...Version} twin instead when the request names a version (API_GetObject). */
    private static List<Planned> onExisting(ObjectRef object, S3Action current, S3Action version) {
        return List.of(Planned.existingObject(object.versionId().isPresent() ? version : current, object));
    }

    /**
     * PutObject, CreateMultipartUpload and CopyObject's destination: {@code s3:PutObject}, plus
     * {@code s3:PutObjectAcl} with an ACL header, {@code s3:PutObjectTagging} with tags, {@code s3:PutObjectRetention}
     * with a retention mode or date and {@code s3:PutObjectLegalHold} with a legal hold (API_PutObject).
     */
    private List<Planned> write() {
        ObjectRef object = object();
        List<Planned> planned = new ArrayList<>(2);
        planned.add(Planned.newObject(PUT_OBJECT, object));
        if (aclGiven()) {
            planned.add(Planned.newObject(PUT_OBJECT_ACL, object));
        }
        if (!keys.requestTags().isEmpty()) {
            planned.add(Planned.newObject(PUT_OBJECT_TAGGING, object));
        }
        if (keys.has(ConditionKey.OBJECT_LOCK_MODE) || keys.has(ConditionKey.OBJECT_LOCK_RETAIN_UNTIL_DATE)) {
            planned.add(Planned.newObject(PUT_OBJECT_RETENTION, object));
        }
        if (keys.has(ConditionKey.OBJECT_LOCK_LEGAL_HOLD)) {
            planned.add(Planned.newObject(PUT_OBJECT_LEGAL_HOLD, object));
        }
        return List.copyOf(planned);
    }

    /**
     * CreateBucket, plus s3:PutBucketAcl for an ACL other than {@code private}, s3:PutBucketObjectLockConfiguration
     * and s3:PutBucketVersioning to enable Object Lock, s3:PutBucketOwnershipControls to set Object Ownership
     * (API_CreateBucket, "Permissions").
     */
    private List<Planned> createBucket() {
        String name = bucket.orElseThrow();
        List<Planned> planned = new ArrayList<>(2);
        planned.add(Planned.bucket(CREATE_BUCKET, name));
        boolean privateAcl = keys.valueOf(ConditionKey.ACL).map(acl -> acl.trim().toLowerCase(Locale.ROOT))
                .map("private"::equals).orElse(false);
        if (aclGiven() && !(privateAcl && !grantGiven())) {
            planned.add(Planned.bucket(PUT_BUCKET_ACL, name));
        }
        if (conditions.objectLockEnabled()) {
            planned.add(Planned.bucket(PUT_BUCKET_OBJECT_LOCK_CONFIGURATION, name));
            planned.add(Planned.bucket(PUT_BUCKET_VERSIONING, name));
        }
        if (keys.has(ConditionKey.OBJECT_OWNERSHIP)) {
            planned.add(Planned.bucket(PUT_BUCKET_OWNERSHIP_CONTROLS, name));
        }
        return List.copyOf(planned);
    }

    private boolean aclGiven() {
        return keys.has(ConditionKey.ACL) || grantGiven();
    }

    private boolean grantGiven() {
        return keys.has(ConditionKey.GRANT_FULL_CONTROL) || keys.has(ConditionKey.GRANT_READ)
                || keys.has(ConditionKey.GRANT_READ_ACP) || keys.has(ConditionKey.GRANT_WRITE)
                || keys.has(ConditionKey.GRANT_WRITE_ACP);
    }

    private List<Planned> onBucket(S3Action action) {
        return List.of(Planned.bucket(action, bucket.orElseThrow()));
    }

    private ObjectRef object() {
        return target.orElseThrow();
    }

    private static List<Planned> concat(List<Planned> first, List<Planned> second) {
        List<Planned> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
