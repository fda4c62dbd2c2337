package dev.lanyard.iam.spi.federation;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an IAM SAML provider says to trust: the IdP entity ID and signing certificates from its metadata (several
 * during rotation), the metadata's validity, the keys that decrypt {@code EncryptedAssertion}s, and whether
 * assertions must be encrypted.
 */
public record SamlProviderTrust(String providerArn, String providerName, String accountId, String entityId,
        List<X509Certificate> signingCertificates, Optional<Instant> validUntil, List<PrivateKey> decryptionKeys,
        EncryptionMode encryptionMode, List<String> acceptedRecipients) {
    public enum EncryptionMode { ALLOWED, REQUIRED }

    public SamlProviderTrust {
        requireNonNull(providerArn, "providerArn is null");
        requireNonNull(providerName, "providerName is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(entityId, "entityId is null");
        signingCertificates = List.copyOf(signingCertificates);
        requireNonNull(validUntil, "validUntil is null");
        decryptionKeys = List.copyOf(decryptionKeys);
        requireNonNull(encryptionMode, "encryptionMode is null");
        acceptedRecipients = List.copyOf(acceptedRecipients);
    }
}
