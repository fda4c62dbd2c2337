package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;

/** A policy document as stored (the exact text the user sent) with its parsed form, parsed once on load. */
public record StoredPolicy(String text, PolicyKind kind, PolicyDocument document) {
    public StoredPolicy {
        requireNonNull(text, "text is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(document, "document is null");
    }

    /** Parses and validates; a bad document is the client's {@code MalformedPolicyDocument}. */
    public static StoredPolicy parse(String text, PolicyKind kind) {
        return switch (PolicyParser.parse(text, kind)) {
            case ParseResult.Valid valid -> new StoredPolicy(text, kind, valid.document());
            case ParseResult.Invalid invalid -> throw new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT,
                    invalid.message());
        };
    }
}
