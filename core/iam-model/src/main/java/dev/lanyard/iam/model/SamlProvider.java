package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An IAM SAML provider: its IdP metadata document as uploaded (the entity ID and signing certificates within). */
public record SamlProvider(AccountId account, String name, String metadataDocument, String uuid, Instant createDate,
        Optional<Instant> validUntil, List<Tag> tags, boolean encryptionRequired, List<PrivateKeyEntry> privateKeys)
        implements IamEntity, Tagged<SamlProvider> {
    public static final int MAX_PRIVATE_KEYS = 10;

    /** A key that decrypts EncryptedAssertions: PKCS#8 PEM, a secret (encrypted at rest), never returned. */
    public record PrivateKeyEntry(String keyId, Instant timestamp, String pem) {
        public PrivateKeyEntry {
            requireNonNull(keyId, "keyId is null");
            requireNonNull(timestamp, "timestamp is null");
            requireNonNull(pem, "pem is null");
        }

        @Override
        public String toString() {
            return "PrivateKeyEntry[" + keyId + ", [REDACTED]]";
        }
    }

    public SamlProvider {
        requireNonNull(account, "account is null");
        requireNonNull(name, "name is null");
        requireNonNull(metadataDocument, "metadataDocument is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(validUntil, "validUntil is null");
        tags = List.copyOf(tags);
        privateKeys = List.copyOf(privateKeys);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public String arn() {
        return arn(Partition.AWS);
    }

    public String arn(Partition partition) {
        return partition.iam(account, "saml-provider/" + name).toString();
    }

    public SamlProvider withMetadata(String document, Optional<Instant> newValidUntil) {
        return new SamlProvider(account, name, document, uuid, createDate, newValidUntil, tags, encryptionRequired,
                privateKeys);
    }

    public SamlProvider withTags(List<Tag> newTags) {
        return new SamlProvider(account, name, metadataDocument, uuid, createDate, validUntil, newTags,
                encryptionRequired, privateKeys);
    }

    public SamlProvider withEncryption(boolean required, List<PrivateKeyEntry> keys) {
        return new SamlProvider(account, name, metadataDocument, uuid, createDate, validUntil, tags, required, keys);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SAML_PROVIDER, account.value(), name);
    }
}
