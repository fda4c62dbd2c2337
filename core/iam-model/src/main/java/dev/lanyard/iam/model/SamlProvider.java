package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An IAM SAML provider: its IdP metadata document as uploaded (the entity ID and signing certificates within). */
public record SamlProvider(AccountId account, String name, String metadataDocument, String uuid, Instant createDate,
        Optional<Instant> validUntil, List<Tag> tags) implements IamEntity {
    public SamlProvider {
        requireNonNull(account, "account is null");
        requireNonNull(name, "name is null");
        requireNonNull(metadataDocument, "metadataDocument is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(validUntil, "validUntil is null");
        tags = List.copyOf(tags);
    }

    public String arn() {
        return "arn:aws:iam::" + account.value() + ":saml-provider/" + name;
    }

    public SamlProvider withMetadata(String document, Optional<Instant> newValidUntil) {
        return new SamlProvider(account, name, document, uuid, createDate, newValidUntil, tags);
    }

    public SamlProvider withTags(List<Tag> newTags) {
        return new SamlProvider(account, name, metadataDocument, uuid, createDate, validUntil, newTags);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SAML_PROVIDER, account.value(), name);
    }
}
