package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

/** An IAM tag: key compared case-insensitively on users and roles, case preserved. */
public record Tag(String key, String value) {
    public Tag {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
