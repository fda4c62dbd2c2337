package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Partition;
import dev.lanyard.policy.internal.PolicyReader;

/**
 * Parses and validates a policy document exactly as IAM does for the given kind, returning AWS's exact
 * MalformedPolicyDocument message when IAM would reject it (iam-policy.md §1). Never throws.
 */
public final class PolicyParser {
    private PolicyParser() {
    }

    /** As IAM in AWS's own partitions: a resource ARN may name any of them, or {@code *}. */
    public static ParseResult parse(String json, PolicyKind kind) {
        return parse(json, kind, Partition.AWS);
    }

    /**
     * As IAM in the partition {@code served}: a resource ARN may name it besides AWS's partitions and {@code *}. A
     * policy naming another partition's ARNs is valid (as {@code arn:aws-cn:} is in {@code aws}); it just matches none.
     */
    public static ParseResult parse(String json, PolicyKind kind, Partition served) {
        requireNonNull(served, "served is null");
        return PolicyReader.read(json, kind == null ? PolicyKind.MANAGED : kind, served);
    }

    /**
     * Whether {@code text} satisfies IAM's input pattern {@code [\u0009\u000A\u000D\u0020-\u00FF]+}. AWS reports a
     * violation as a ValidationError on the parameter, before any policy parsing; {@link #parse} answers such input
     * with "Syntax errors in policy." so callers that must return the ValidationError check this first.
     */
    public static boolean hasOnlyPolicyCharacters(String text) {
        return text != null && PolicyReader.hasOnlyPolicyCharacters(text);
    }
}
