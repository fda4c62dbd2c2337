package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** Identity of a stored entity. IAM names are unique case-insensitively, so the name part is lower-cased. */
public record EntityKey(EntityType type, String account, String id) {
    public EntityKey {
        requireNonNull(type, "type is null");
        requireNonNull(account, "account is null");
        requireNonNull(id, "id is null");
    }

    public static EntityKey of(EntityType type, String account, String nameOrId) {
        return new EntityKey(type, account, type.caseInsensitive() ? nameOrId.toLowerCase(Locale.ROOT) : nameOrId);
    }
}
