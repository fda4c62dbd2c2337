package dev.lanyard.s3.internal;

import static dev.lanyard.s3.S3Operation.*;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.S3Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which S3 operation a request is, from its method, what it addresses and its subresource, in botocore's S3 model
 * order: the subresource first, then {@code uploadId}, then the {@code x-amz-copy-source} header, then the method.
 *
 * <p>A request that names two subresources ({@code ?acl&tagging}, {@code ?tagging&uploadId=...}) is refused: S3
 * picks one by an undocumented precedence and a backend may pick the other, which would authorize one operation and
 * perform another.
 */
public final class OperationResolver {
    private static final Map<String, Map<String, S3Operation>> BUCKET_SUBRESOURCES = Map.ofEntries(
            Map.entry("acl", Map.of("GET", GET_BUCKET_ACL, "PUT", PUT_BUCKET_ACL)),
            Map.entry("tagging", Map.of("GET", GET_BUCKET_TAGGING, "PUT", PUT_BUCKET_TAGGING,
                    "DELETE", DELETE_BUCKET_TAGGING)),
            Map.entry("policy", Map.of("GET", GET_BUCKET_POLICY, "PUT", PUT_BUCKET_POLICY,
                    "DELETE", DELETE_BUCKET_POLICY)),
            Map.entry("policyStatus", Map.of("GET", GET_BUCKET_POLICY_STATUS)),
            Map.entry("versioning", Map.of("GET", GET_BUCKET_VERSIONING, "PUT", PUT_BUCKET_VERSIONING)),
            Map.entry("versions", Map.of("GET", LIST_OBJECT_VERSIONS)),
            Map.entry("uploads", Map.of("GET", LIST_MULTIPART_UPLOADS)),
            Map.entry("location", Map.of("GET", GET_BUCKET_LOCATION)),
            Map.entry("lifecycle", Map.of("GET", GET_BUCKET_LIFECYCLE_CONFIGURATION,
                    "PUT", PUT_BUCKET_LIFECYCLE_CONFIGURATION, "DELETE", DELETE_BUCKET_LIFECYCLE)),
            Map.entry("cors", Map.of("GET", GET_BUCKET_CORS, "PUT", PUT_BUCKET_CORS, "DELETE", DELETE_BUCKET_CORS)),
            Map.entry("encryption", Map.of("GET", GET_BUCKET_ENCRYPTION, "PUT", PUT_BUCKET_ENCRYPTION,
                    "DELETE", DELETE_BUCKET_ENCRYPTION)),
            Map.entry("website", Map.of("GET", GET_BUCKET_WEBSITE, "PUT", PUT_BUCKET_WEBSITE,
                    "DELETE", DELETE_BUCKET_WEBSITE)),
            Map.entry("logging", Map.of("GET", GET_BUCKET_LOGGING, "PUT", PUT_BUCKET_LOGGING)),
            Map.entry("notification", Map.of("GET", GET_BUCKET_NOTIFICATION_CONFIGURATION,
                    "PUT", PUT_BUCKET_NOTIFICATION_CONFIGURATION)),
            Map.entry("replication", Map.of("GET", GET_BUCKET_REPLICATION, "PUT", PUT_BUCKET_REPLICATION,
                    "DELETE", DELETE_BUCKET_REPLICATION)),
            Map.entry("requestPayment", Map.of("GET", GET_BUCKET_REQUEST_PAYMENT, "PUT", PUT_BUCKET_REQUEST_PAYMENT)),
            Map.entry("accelerate", Map.of("GET", GET_BUCKET_ACCELERATE_CONFIGURATION,
                    "PUT", PUT_BUCKET_ACCELERATE_CONFIGURATION)),
            Map.entry("object-lock", Map.of("GET", GET_OBJECT_LOCK_CONFIGURATION, "PUT", PUT_OBJECT_LOCK_CONFIGURATION)),
            Map.entry("ownershipControls", Map.of("GET", GET_BUCKET_OWNERSHIP_CONTROLS,
                    "PUT", PUT_BUCKET_OWNERSHIP_CONTROLS, "DELETE", DELETE_BUCKET_OWNERSHIP_CONTROLS)),
            Map.entry("publicAccessBlock", Map.of("GET", GET_PUBLIC_ACCESS_BLOCK, "PUT", PUT_PUBLIC_ACCESS_BLOCK,
                    "DELETE", DELETE_PUBLIC_ACCESS_BLOCK)),
            Map.entry("delete", Map.of("POST", DELETE_OBJECTS)),
            Map.entry("list-type", Map.of("GET", LIST_OBJECTS_V2)));

    private static final Map<String, Map<String, S3Operation>> OBJECT_SUBRESOURCES = Map.ofEntries(
            Map.entry("acl", Map.of("GET", GET_OBJECT_ACL, "PUT", PUT_OBJECT_ACL)),
            Map.entry("tagging", Map.of("GET", GET_OBJECT_TAGGING, "PUT", PUT_OBJECT_TAGGING,
                    "DELETE", DELETE_OBJECT_TAGGING)),
            Map.entry("attributes", Map.of("GET", GET_OBJECT_ATTRIBUTES)),
            Map.entry("legal-hold", Map.of("GET", GET_OBJECT_LEGAL_HOLD, "PUT", PUT_OBJECT_LEGAL_HOLD)),
            Map.entry("retention", Map.of("GET", GET_OBJECT_RETENTION, "PUT", PUT_OBJECT_RETENTION)),
            Map.entry("restore", Map.of("POST", RESTORE_OBJECT)),
            Map.entry("select", Map.of("POST", SELECT_OBJECT_CONTENT)),
            Map.entry("torrent", Map.of("GET", GET_OBJECT_TORRENT)),
            Map.entry("uploads", Map.of("POST", CREATE_MULTIPART_UPLOAD)),
            Map.entry("uploadId", Map.of("GET", LIST_PARTS, "PUT", UPLOAD_PART, "POST", COMPLETE_MULTIPART_UPLOAD,
                    "DELETE", ABORT_MULTIPART_UPLOAD)));

    /** Real S3 subresources that the gateway does not support: NotImplemented rather than a wrong guess. */
    private static final Set<String> UNSUPPORTED_BUCKET_SUBRESOURCES = Set.of("analytics", "inventory", "metrics",
            "intelligent-tiering", "metadataTable", "metadataConfiguration", "metadataInventoryTable",
            "metadataJournalTable", "abac", "session");
    private static final Set<String> UNSUPPORTED_OBJECT_SUBRESOURCES = Set.of("renameObject", "encryption");

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE");

    private OperationResolver() {}

    public static S3Operation resolve(String method, Target target, S3Query query, boolean copySource) {
        if (!METHODS.contains(method)) {
            // OPTIONS is S3's CORS preflight, a real feature the gateway does not serve; other methods S3 refuses.
            if (method.equals("OPTIONS")) {
                throw notImplemented("method OPTIONS (CORS preflight)");
            }
            throw methodNotAllowed(method, level(target));
        }
        if (target.bucket().isEmpty()) {
            if (!method.equals("GET")) {
                throw methodNotAllowed(method, "SERVICE");
            }
            return LIST_BUCKETS;
        }
        return target.key().isEmpty() ? bucketOperation(method, query) : objectOperation(method, query, copySource);
    }

    private static S3Operation bucketOperation(String method, S3Query query) {
        String subresource = subresource(query, BUCKET_SUBRESOURCES.keySet(), UNSUPPORTED_BUCKET_SUBRESOURCES);
        if (subresource == null) {
            return switch (method) {
                case "GET" -> LIST_OBJECTS;
                case "HEAD" -> HEAD_BUCKET;
                case "PUT" -> CREATE_BUCKET;
                case "DELETE" -> DELETE_BUCKET;
                // POST to a bucket without ?delete is a browser form upload (PostObject)
                default -> throw notImplemented("browser-based POST upload");
            };
        }
        if (subresource.equals("list-type") && !query.get("list-type").orElse("").equals("2")) {
            throw S3Exception.invalidArgument("Invalid List Type specified", "list-type",
                    query.get("list-type").orElse(""));
        }
        return select(BUCKET_SUBRESOURCES, subresource, method, "BUCKET");
    }

    private static S3Operation objectOperation(String method, S3Query query, boolean copySource) {
        String subresource = subresource(query, OBJECT_SUBRESOURCES.keySet(), UNSUPPORTED_OBJECT_SUBRESOURCES);
        if (subresource == null) {
            return switch (method) {
                case "GET" -> GET_OBJECT;
                case "HEAD" -> HEAD_OBJECT;
                case "PUT" -> copySource ? COPY_OBJECT : PUT_OBJECT;
                case "DELETE" -> DELETE_OBJECT;
                default -> throw methodNotAllowed(method, "OBJECT");
            };
        }
        S3Operation operation = select(OBJECT_SUBRESOURCES, subresource, method, "OBJECT");
        if (operation == SELECT_OBJECT_CONTENT && !query.get("select-type").orElse("").equals("2")) {
            throw S3Exception.invalidArgument("Invalid select type specified", "select-type",
                    query.get("select-type").orElse(""));
        }
        if (operation == UPLOAD_PART && copySource) {
            return UPLOAD_PART_COPY;
        }
        return operation;
    }

    /** The one subresource present, or null; two are refused, an unsupported one is NotImplemented. */
    private static String subresource(S3Query query, Set<String> supported, Set<String> unsupported) {
        List<String> present = new ArrayList<>(2);
        for (String name : query.names()) {
            if (unsupported.contains(name)) {
                throw notImplemented("subresource ?" + name);
            }
            if (supported.contains(name)) {
                present.add(name);
            }
        }
        if (present.size() > 1) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "A request may name one subresource; this one names " + String.join(" and ", present),
                    List.of(), "");
        }
        return present.isEmpty() ? null : present.getFirst();
    }

    private static S3Operation select(Map<String, Map<String, S3Operation>> table, String subresource, String method,
            String resourceType) {
        S3Operation operation = table.get(subresource).get(method);
        if (operation == null) {
            throw methodNotAllowed(method, resourceType);
        }
        return operation;
    }

    private static String level(Target target) {
        return target.bucket().isEmpty() ? "SERVICE" : target.key().isEmpty() ? "BUCKET" : "OBJECT";
    }

    static S3Exception notImplemented(String what) {
        return new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, S3ErrorCode.NOT_IMPLEMENTED.defaultMessage(), List.of(),
                "Lanyard's S3 gateway does not support " + what);
    }

    private static S3Exception methodNotAllowed(String method, String resourceType) {
        return new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED, List.of(new S3Exception.Detail("Method", method),
                new S3Exception.Detail("ResourceType", resourceType)));
    }
}
