package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.internal.ConfigurationBodies;
import dev.lanyard.s3.internal.CopySource;
import dev.lanyard.s3.internal.DeleteObjectsBody;
import dev.lanyard.s3.internal.Planned;
import dev.lanyard.s3.internal.Planner;
import dev.lanyard.s3.internal.S3Action;
import dev.lanyard.s3.internal.TaggingBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A classified S3 request: the operation, what it addresses (decoded), the authorizations AWS would make for it, and
 * the canonical path, query and copy source the gateway forwards, so the backend acts on exactly what was authorized.
 * Only {@link S3Classifier} creates one.
 */
public final class S3Classification {
    /** The operations whose authorizations come from their body. */
    private static final Map<S3Operation, BodyKind> BODY_KINDS = Map.of(
            S3Operation.DELETE_OBJECTS, BodyKind.DELETE_OBJECTS,
            S3Operation.PUT_OBJECT_TAGGING, BodyKind.OBJECT_TAGGING,
            S3Operation.CREATE_BUCKET, BodyKind.CREATE_BUCKET_CONFIGURATION,
            S3Operation.PUT_OBJECT_RETENTION, BodyKind.OBJECT_RETENTION,
            S3Operation.PUT_OBJECT_LEGAL_HOLD, BodyKind.OBJECT_LEGAL_HOLD);

    private final S3Operation operation;
    private final AddressingStyle addressingStyle;
    private final Optional<String> bucket;
    private final Optional<ObjectRef> object;
    private final Optional<ObjectRef> copySource;
    private final Planner planner;
    private final Optional<AccountId> bucketOwner;
    private final Optional<AccountId> copySourceOwner;
    private final String backendQuery;
    private final RequiredAuthorizations required;
    private final Partition partition;

    S3Classification(S3Operation operation, AddressingStyle addressingStyle, Optional<ObjectRef> object,
            Optional<ObjectRef> copySource, Planner planner, BucketOwners bucketOwners, String backendQuery,
            Partition partition) {
        this.partition = requireNonNull(partition, "partition is null");
        this.operation = requireNonNull(operation, "operation is null");
        this.addressingStyle = requireNonNull(addressingStyle, "addressingStyle is null");
        this.bucket = planner.bucket();
        this.object = object;
        this.copySource = copySource;
        this.planner = planner;
        this.bucketOwner = bucket.flatMap(b -> owner(bucketOwners, b));
        this.copySourceOwner = copySource.flatMap(source -> source.bucket().equals(bucket.orElse(null)) ? bucketOwner
                : owner(bucketOwners, source.bucket()));
        this.backendQuery = backendQuery;
        BodyKind body = BODY_KINDS.get(operation);
        this.required = body != null ? new RequiredAuthorizations.BodyNeeded(body)
                : new RequiredAuthorizations.AllOf(authorize(planner, planner.plan()));
    }

    private S3Classification(S3Classification before, Planner planner, RequiredAuthorizations required) {
        this.partition = before.partition;
        this.operation = before.operation;
        this.addressingStyle = before.addressingStyle;
        this.bucket = before.bucket;
        this.object = before.object;
        this.copySource = before.copySource;
        this.planner = planner;
        this.bucketOwner = before.bucketOwner;
        this.copySourceOwner = before.copySourceOwner;
        this.backendQuery = before.backendQuery;
        this.required = required;
    }

    public S3Operation operation() {
        return operation;
    }

    public AddressingStyle addressingStyle() {
        return addressingStyle;
    }

    /** The bucket addressed; empty for ListBuckets. */
    public Optional<String> bucket() {
        return bucket;
    }

    /** The object addressed, with the {@code versionId} the operation acts on; empty for bucket operations. */
    public Optional<ObjectRef> object() {
        return object;
    }

    /** CopyObject's and UploadPartCopy's source object. */
    public Optional<ObjectRef> copySource() {
        return copySource;
    }

    public RequiredAuthorizations required() {
        return required;
    }

    /**
     * The classification once the body that {@link RequiredAuthorizations.BodyNeeded} asked for is read.
     *
     * @throws S3Exception MaxMessageLengthExceeded, MalformedXML, MissingRequestBodyError, KeyTooLongError,
     *     InvalidTag, InvalidArgument: S3's answers to a bad body
     * @throws IllegalStateException when no body was asked for
     */
    public S3Classification withBody(byte[] body) {
        requireNonNull(body, "body is null");
        if (!(required instanceof RequiredAuthorizations.BodyNeeded(BodyKind kind))) {
            throw new IllegalStateException(operation.awsName() + " needs no body to be authorized");
        }
        if (body.length > kind.maxBytes()) {
            throw new S3Exception(S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        return switch (kind) {
            case DELETE_OBJECTS -> new S3Classification(this, planner, eachEntry(DeleteObjectsBody.parse(body)));
            case OBJECT_TAGGING -> withPlanner(planner.withRequestTags(TaggingBody.parse(body)));
            case CREATE_BUCKET_CONFIGURATION -> withPlanner(planner.withBodyKeys(ConfigurationBodies.createBucket(body)));
            case OBJECT_RETENTION -> withPlanner(planner.withBodyKeys(ConfigurationBodies.retention(body)));
            case OBJECT_LEGAL_HOLD -> withPlanner(planner.withBodyKeys(ConfigurationBodies.legalHold(body)));
        };
    }

    private S3Classification withPlanner(Planner completed) {
        return new S3Classification(this, completed,
                new RequiredAuthorizations.AllOf(authorize(completed, completed.plan())));
    }

    /**
     * {@code s3:ListBucket} on the bucket, without list keys: what S3 checks to choose between 404 and 403 when the
     * addressed object does not exist (API_GetObject.html, API_HeadObject.html, "Permissions").
     */
    public Optional<S3Authorization> listBucketCheck() {
        return bucket.map(name -> authorize(planner,
                new Planned(S3Action.LIST_BUCKET, Optional.of(name), Optional.empty(), false)));
    }

    /** The path to forward, path-style: {@code /bucket/key} with the key canonically encoded ('/' kept). */
    public String backendPath() {
        if (bucket.isEmpty()) {
            return "/";
        }
        return "/" + bucket.get()
                + object.map(o -> "/" + PercentEncoding.encode(o.key(), true)).orElse("");
    }

    /** The query to forward: the request's parameters, canonically encoded, without the presigned-URL ones. */
    public String backendQuery() {
        return backendQuery;
    }

    /** The {@code x-amz-copy-source} value to forward: exactly the source that was authorized, canonically encoded. */
    public Optional<String> backendCopySource() {
        return copySource.map(CopySource::canonical);
    }

    private RequiredAuthorizations eachEntry(DeleteObjectsBody.Parsed parsed) {
        String name = bucket.orElseThrow();
        boolean bypass = planner.conditions().bypassGovernanceRetention();
        List<RequiredAuthorizations.EachEntry.Entry> entries = new ArrayList<>(parsed.entries().size());
        for (DeleteObjectsBody.Entry entry : parsed.entries()) {
            ObjectRef ref = new ObjectRef(name, entry.key(), entry.versionId());
            entries.add(new RequiredAuthorizations.EachEntry.Entry(ref,
                    authorize(planner, Planner.deleteEntry(ref, bypass))));
        }
        return new RequiredAuthorizations.EachEntry(parsed.quiet(), entries);
    }

    private List<S3Authorization> authorize(Planner keysFrom, List<Planned> planned) {
        List<S3Authorization> authorizations = new ArrayList<>(planned.size());
        for (Planned p : planned) {
            authorizations.add(authorize(keysFrom, p));
        }
        return authorizations;
    }

    private S3Authorization authorize(Planner keysFrom, Planned planned) {
        Optional<AccountId> owner = planned.bucket().equals(bucket) ? bucketOwner : copySourceOwner;
        return new S3Authorization(planned.action().actionName(), planned.resourceArn(partition),
                keysFrom.keys().contextFor(planned.action(), planned.object(), owner), owner,
                planned.existingObjectTags() ? planned.object() : Optional.empty());
    }

    private static Optional<AccountId> owner(BucketOwners bucketOwners, String bucket) {
        return requireNonNull(bucketOwners.ownerOf(bucket), "ownerOf returned null");
    }

    @Override
    public String toString() {
        return "S3Classification[" + operation.awsName() + ", " + bucket.orElse("") + object.map(o -> "/" + o.key())
                .orElse("") + ", " + required + "]";
    }
}
