package dev.lanyard.s3.internal;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.s3.ObjectRef;
import dev.lanyard.s3.PayloadMode;
import dev.lanyard.s3.AuthType;
import dev.lanyard.s3.RequestSignature;
import dev.lanyard.s3.S3Operation;
import dev.lanyard.s3.S3Request;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values this request gives S3's condition keys, before they are narrowed to what each action takes. Request-wide
 * values come from the signature, the connection, the headers and the list parameters; the version ID and the bucket
 * owner belong to each authorization's own resource (a copy source has its own).
 */
public final class RequestKeys {
    /** Headers (lower case) whose value is a condition key of that meaning (list_amazons3.html, condition keys). */
    private static final Map<String, ConditionKey> HEADER_KEYS = Map.ofEntries(
            Map.entry("x-amz-acl", ConditionKey.ACL),
            Map.entry("x-amz-grant-full-control", ConditionKey.GRANT_FULL_CONTROL),
            Map.entry("x-amz-grant-read", ConditionKey.GRANT_READ),
            Map.entry("x-amz-grant-read-acp", ConditionKey.GRANT_READ_ACP),
            Map.entry("x-amz-grant-write", ConditionKey.GRANT_WRITE),
            Map.entry("x-amz-grant-write-acp", ConditionKey.GRANT_WRITE_ACP),
            Map.entry("x-amz-server-side-encryption", ConditionKey.SERVER_SIDE_ENCRYPTION),
            Map.entry("x-amz-server-side-encryption-aws-kms-key-id", ConditionKey.SSE_KMS_KEY_ID),
            Map.entry("x-amz-server-side-encryption-customer-algorithm", ConditionKey.SSE_CUSTOMER_ALGORITHM),
            Map.entry("x-amz-storage-class", ConditionKey.STORAGE_CLASS),
            Map.entry("x-amz-website-redirect-location", ConditionKey.WEBSITE_REDIRECT_LOCATION),
            Map.entry("x-amz-metadata-directive", ConditionKey.METADATA_DIRECTIVE),
            Map.entry("x-amz-object-lock-mode", ConditionKey.OBJECT_LOCK_MODE),
            Map.entry("x-amz-object-lock-retain-until-date", ConditionKey.OBJECT_LOCK_RETAIN_UNTIL_DATE),
            Map.entry("x-amz-object-lock-legal-hold", ConditionKey.OBJECT_LOCK_LEGAL_HOLD),
            Map.entry("if-match", ConditionKey.IF_MATCH),
            Map.entry("if-none-match", ConditionKey.IF_NONE_MATCH),
            Map.entry("x-amz-object-ownership", ConditionKey.OBJECT_OWNERSHIP));

    private static final String CONTENT_SHA256_MESSAGE = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
            + " STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.";

    private final EnumMap<ConditionKey, String> values;
    private final Map<String, String> requestTags;

    private RequestKeys(EnumMap<ConditionKey, String> values, Map<String, String> requestTags) {
        this.values = values;
        this.requestTags = requestTags;
    }

    public static RequestKeys of(S3Request request, S3Operation operation, S3Query query) {
        EnumMap<ConditionKey, String> values = new EnumMap<>(ConditionKey.class);
        RequestSignature signature = request.signature();
        if (signature.authType() != AuthType.ANONYMOUS) {
            values.put(ConditionKey.AUTH_TYPE, signature.authType().wireName());
            values.put(ConditionKey.SIGNATURE_VERSION, RequestSignature.SIGNATURE_VERSION);
        }
        signature.contentSha256().ifPresent(sha -> {
            if (PayloadMode.fromHeader(sha).isEmpty()) {
                throw S3Exception.invalidArgument(CONTENT_SHA256_MESSAGE, "x-amz-content-sha256", sha);
            }
            values.put(ConditionKey.CONTENT_SHA256, sha);
        });
        request.tlsVersion().ifPresent(tls -> values.put(ConditionKey.TLS_VERSION, tls));
        HEADER_KEYS.forEach((header, key) -> single(request, header).ifPresent(value -> values.put(key, value)));
        if (isListing(operation)) {
            query.get("prefix").ifPresent(prefix -> values.put(ConditionKey.PREFIX, prefix));
            query.get("delimiter").ifPresent(delimiter -> values.put(ConditionKey.DELIMITER, delimiter));
            query.get("max-keys").ifPresent(max -> values.put(ConditionKey.MAX_KEYS,
                    Integer.toString(QueryIntegers.maxCount("max-keys", "maxKeys", max))));
        }
        Map<String, String> tags = single(request, TagSet.HEADER).map(TagSet::fromHeader).orElse(Map.of());
        return new RequestKeys(values, tags);
    }

    private static boolean isListing(S3Operation operation) {
        return operation == S3Operation.LIST_OBJECTS || operation == S3Operation.LIST_OBJECTS_V2
                || operation == S3Operation.LIST_OBJECT_VERSIONS;
    }

    /**
     * The header's one value ({@code header} in lower case). A header that authorization reads and that arrives twice is refused: the policies would
     * judge one value and the backend might act on the other.
     */
    public static Optional<String> single(S3Request request, String header) {
        // INVARIANT: callers pass lower-case names, the form S3Request keeps; no per-lookup toLowerCase
        List<String> values = request.headers().getOrDefault(header, List.of());
        if (values.size() > 1) {
            throw S3Exception.invalidArgument("The header may appear only once", header, String.join(",", values));
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The same keys with {@code s3:x-amz-copy-source} set. */
    public RequestKeys withCopySource(String copySource) {
        EnumMap<ConditionKey, String> copy = new EnumMap<>(values);
        copy.put(ConditionKey.COPY_SOURCE, copySource);
        return new RequestKeys(copy, requestTags);
    }

    /** The same keys with values a request body states (CreateBucket, PutObjectRetention, PutObjectLegalHold). */
    public RequestKeys with(Map<ConditionKey, String> bodyValues) {
        EnumMap<ConditionKey, String> copy = new EnumMap<>(values);
        copy.putAll(bodyValues);
        return new RequestKeys(copy, requestTags);
    }

    /** The same keys with the tag set a request body states (PutObjectTagging). */
    public RequestKeys withRequestTags(Map<String, String> tags) {
        return new RequestKeys(values, tags);
    }

    public boolean has(ConditionKey key) {
        return values.containsKey(key);
    }

    public Optional<String> valueOf(ConditionKey key) {
        return Optional.ofNullable(values.get(key));
    }

    public Map<String, String> requestTags() {
        return requestTags;
    }

    /** The keys {@code action} takes, for an authorization on {@code object} (empty for bucket-level resources). */
    public ContextKeys contextFor(S3Action action, Optional<ObjectRef> object, Optional<AccountId> resourceAccount) {
        ContextKeys.Builder builder = ContextKeys.builder();
        values.forEach((key, value) -> {
            if (action.takes(key)) {
                builder.put(key.keyName(), value);
            }
        });
        if (action.takes(ConditionKey.VERSION_ID)) {
            object.flatMap(ObjectRef::versionId).ifPresent(v -> builder.put(ConditionKey.VERSION_ID.keyName(), v));
        }
        if (action.takes(ConditionKey.RESOURCE_ACCOUNT)) {
            resourceAccount.ifPresent(owner -> builder.put(ConditionKey.RESOURCE_ACCOUNT.keyName(), owner.value()));
        }
        if (action.takes(ConditionKey.REQUEST_OBJECT_TAGS) && !requestTags.isEmpty()) {
            requestTags.forEach((tag, value) -> builder.put(ConditionKey.REQUEST_OBJECT_TAGS.keyName() + tag, value));
            builder.putMulti(ConditionKey.REQUEST_OBJECT_TAG_KEYS, new ArrayList<>(requestTags.keySet()));
        }
        return builder.build();
    }
}
