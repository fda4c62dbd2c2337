package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Partition;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.internal.BucketNames;
import dev.lanyard.s3.internal.CopySource;
import dev.lanyard.s3.internal.OperationResolver;
import dev.lanyard.s3.internal.Planner;
import dev.lanyard.s3.internal.QueryIntegers;
import dev.lanyard.s3.internal.RequestKeys;
import dev.lanyard.s3.internal.S3Query;
import dev.lanyard.s3.internal.Target;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Classifies a verified S3 request: which S3 operation it is, and which IAM authorization requests AWS makes for it
 * (actions, resource ARNs, S3 condition keys). Pure and thread-safe: no I/O, no clock; bucket owners come in through
 * the {@link BucketOwners} hook.
 *
 * <pre>{@code
 * S3Classification c = classifier.classify(request, owners);      // S3Exception: S3's error for a bad request
 * if (c.required() instanceof BodyNeeded n) c = c.withBody(body); // read at most n.kind().maxBytes()
 * switch (c.required()) { case AllOf a -> ...; case EachEntry e -> ...; case BodyNeeded n -> ... }
 * }</pre>
 */
public final class S3Classifier {
    /** The operations whose {@code versionId} query parameter names the version acted on. */
    private static final Set<S3Operation> VERSIONED = Set.of(S3Operation.GET_OBJECT, S3Operation.HEAD_OBJECT,
            S3Operation.DELETE_OBJECT, S3Operation.GET_OBJECT_TAGGING, S3Operation.PUT_OBJECT_TAGGING,
            S3Operation.DELETE_OBJECT_TAGGING, S3Operation.GET_OBJECT_ACL, S3Operation.PUT_OBJECT_ACL,
            S3Operation.GET_OBJECT_ATTRIBUTES, S3Operation.GET_OBJECT_RETENTION, S3Operation.PUT_OBJECT_RETENTION,
            S3Operation.GET_OBJECT_LEGAL_HOLD, S3Operation.PUT_OBJECT_LEGAL_HOLD, S3Operation.RESTORE_OBJECT,
            S3Operation.GET_OBJECT_TORRENT);

    private static final Map<S3Operation, Consumer<S3Query>> PARAMETER_CHECKS = parameterChecks();

    private final S3Addressing addressing;
    private final Partition partition;

    /** Requests addressed as {@code addressing} says, their resources named in {@code partition}, the served one. */
    public S3Classifier(S3Addressing addressing, Partition partition) {
        this.addressing = requireNonNull(addressing, "addressing is null");
        this.partition = requireNonNull(partition, "partition is null");
    }

    /** @throws S3Exception with S3's code, status and message when the request is not one S3 would accept */
    public S3Classification classify(S3Request request, BucketOwners owners) {
        requireNonNull(request, "request is null");
        requireNonNull(owners, "owners is null");
        Target target = Target.resolve(addressing, request.host(), request.rawPath());
        S3Query query = S3Query.parse(request.rawQuery());
        Optional<String> copyHeader = RequestKeys.single(request, CopySource.HEADER);
        S3Operation operation = OperationResolver.resolve(request.method(), target, query, copyHeader.isPresent());
        target.bucket().ifPresent(bucket -> BucketNames.check(bucket, operation == S3Operation.CREATE_BUCKET));
        checkParameters(operation, query);

        Optional<ObjectRef> object = target.key().map(key -> new ObjectRef(target.bucket().orElseThrow(), key,
                VERSIONED.contains(operation) ? versionId(query) : Optional.empty()));
        boolean copies = operation == S3Operation.COPY_OBJECT || operation == S3Operation.UPLOAD_PART_COPY;
        Optional<ObjectRef> copySource = copies ? copyHeader.map(CopySource::parse) : Optional.empty();
        RequestKeys keys = RequestKeys.of(request, operation, query);
        if (copySource.isPresent()) {
            keys = keys.withCopySource(CopySource.conditionValue(copySource.get()));
        }
        Planner.Conditions conditions = Planner.Conditions.of(
                RequestKeys.single(request, "x-amz-bucket-object-lock-enabled"),
                RequestKeys.single(request, "x-amz-bypass-governance-retention"));
        Planner planner = new Planner(operation, target.bucket(), object, copySource, keys, conditions);
        return new S3Classification(operation, target.style(), object, copySource, planner, owners, query.canonical(),
                partition);
    }

    private static Map<S3Operation, Consumer<S3Query>> parameterChecks() {
        Consumer<S3Query> maxKeys =
                q -> q.get("max-keys").ifPresent(v -> QueryIntegers.maxCount("max-keys", "maxKeys", v));
        Consumer<S3Query> partNumber = q -> QueryIntegers.partNumber(q.get("partNumber").orElse(""));
        Consumer<S3Query> optionalPartNumber = q -> q.get("partNumber").ifPresent(QueryIntegers::partNumber);
        EnumMap<S3Operation, Consumer<S3Query>> checks = new EnumMap<>(S3Operation.class);
        checks.put(S3Operation.LIST_OBJECTS, maxKeys);
        checks.put(S3Operation.LIST_OBJECTS_V2, maxKeys);
        checks.put(S3Operation.LIST_OBJECT_VERSIONS, maxKeys);
        checks.put(S3Operation.LIST_MULTIPART_UPLOADS,
                q -> q.get("max-uploads").ifPresent(v -> QueryIntegers.maxCount("max-uploads", "max-uploads", v)));
        checks.put(S3Operation.LIST_PARTS, q -> {
            q.get("max-parts").ifPresent(v -> QueryIntegers.maxCount("max-parts", "max-parts", v));
            q.get("part-number-marker").ifPresent(QueryIntegers::marker);
        });
        checks.put(S3Operation.UPLOAD_PART, partNumber);
        checks.put(S3Operation.UPLOAD_PART_COPY, partNumber);
        checks.put(S3Operation.GET_OBJECT, optionalPartNumber);
        checks.put(S3Operation.HEAD_OBJECT, optionalPartNumber);
        return Collections.unmodifiableMap(checks);
    }

    private static Optional<String> versionId(S3Query query) {
        Optional<String> versionId = query.get("versionId");
        if (versionId.isPresent() && versionId.get().isEmpty()) {
            throw S3Exception.invalidArgument("Version id cannot be the empty string", "versionId", "");
        }
        return versionId;
    }

    /** S3's checks of the integer parameters each operation takes. */
    private static void checkParameters(S3Operation operation, S3Query query) {
        Consumer<S3Query> check = PARAMETER_CHECKS.get(operation);
        if (check != null) {
            check.accept(query);
        }
    }
}
