package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

/** The outcome of {@link PolicyParser#parse}: a document, or AWS's exact MalformedPolicyDocument message. */
public sealed interface ParseResult {
    record Valid(PolicyDocument document) implements ParseResult {
        public Valid {
            requireNonNull(document, "document is null");
        }
    }

    record Invalid(String message) implements ParseResult {
        public Invalid {
            requireNonNull(message, "message is null");
        }
    }
}
