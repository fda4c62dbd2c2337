package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import java.util.Map;

/**
 * A policy document as stored (the exact text the user sent) with its parsed form, parsed once on load.
 *
 * @param principalIds user and role ARNs the document names as principals, bound to the unique ID the entity had
 *     when the document was saved; {@code document} matches callers by those IDs (iam-policy.md §1.3)
 */
public record StoredPolicy(String text, PolicyKind kind, PolicyDocument document, Map<String, String> principalIds) {
    public StoredPolicy {
        requireNonNull(text, "text is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(document, "document is null");
        principalIds = Map.copyOf(principalIds);
    }

    /** Parses and validates; a bad document is the client's {@code MalformedPolicyDocument}. */
    public static StoredPolicy parse(String text, PolicyKind kind) {
        return switch (PolicyParser.parse(text, kind)) {
            case ParseResult.Valid valid -> new StoredPolicy(text, kind, valid.document(), Map.of());
            case ParseResult.Invalid invalid -> throw AwsErrors.malformedPolicyDocument(invalid.message());
        };
    }

    /** This policy with its principal ARNs bound to unique IDs (replacing any earlier binding). */
    public StoredPolicy withPrincipalIds(Map<String, String> ids) {
        PolicyDocument unbound = principalIds.isEmpty() ? document : parse(text, kind).document();
        return new StoredPolicy(text, kind, unbound.withPrincipalUniqueIds(ids), ids);
    }
}
