package dev.lanyard.iam.spi.federation;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The parts of IdP metadata IAM keeps: entity ID, signing certificates, validity. */
public record SamlMetadata(String entityId, List<X509Certificate> signingCertificates, Optional<Instant> validUntil) {
    public SamlMetadata {
        requireNonNull(entityId, "entityId is null");
        signingCertificates = List.copyOf(signingCertificates);
        requireNonNull(validUntil, "validUntil is null");
    }
}
