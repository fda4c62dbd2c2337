package dev.lanyard.s3.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every query parameter name the S3 API defines for the operations classified, by its lower-case form. */
final class QueryNames {
    private static final Map<String, String> BY_LOWER_CASE = index(List.of(
            // subresources that select an operation
            "acl", "tagging", "policy", "policyStatus", "versioning", "versions", "uploads", "location", "lifecycle",
            "cors", "encryption", "website", "logging", "notification", "replication", "requestPayment",
            "accelerate", "object-lock", "ownershipControls", "publicAccessBlock", "delete", "list-type",
            "attributes", "legal-hold", "retention", "restore", "select", "torrent", "uploadId",
            "analytics", "inventory", "metrics", "intelligent-tiering", "metadataTable", "metadataConfiguration",
            "metadataInventoryTable", "metadataJournalTable", "abac", "session", "renameObject",
            // parameters
            "versionId", "partNumber", "prefix", "delimiter", "max-keys", "marker", "continuation-token",
            "start-after", "fetch-owner", "encoding-type", "key-marker", "version-id-marker", "upload-id-marker",
            "max-uploads", "max-parts", "part-number-marker", "select-type", "id", "x-id", "max-buckets",
            "bucket-region", "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires"));

    private QueryNames() {}

    private static Map<String, String> index(List<String> names) {
        Map<String, String> index = new HashMap<>();
        for (String name : names) {
            index.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(index);
    }

    /** The defined spelling of a name, given in lower case; null when S3 defines no such parameter. */
    static String canonical(String lowerCaseName) {
        return BY_LOWER_CASE.get(lowerCaseName);
    }
}
