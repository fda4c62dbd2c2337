package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

/**
 * One value of a Principal map, e.g. {@code AWS: arn:aws:iam::123456789012:role/R}. A bare {@code "Principal": "*"}
 * is represented as (AWS, "*"), which the docs define as equivalent.
 */
public record PrincipalEntry(PrincipalKind kind, String value) {
    public PrincipalEntry {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
    }

    /** {@code "*"} or {@code {"AWS": "*"}}: every caller, including anonymous ones. */
    public boolean isEveryone() {
        return kind == PrincipalKind.AWS && value.equals("*");
    }
}
