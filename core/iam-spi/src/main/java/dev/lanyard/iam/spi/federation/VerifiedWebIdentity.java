package dev.lanyard.iam.spi.federation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A web identity token whose signature, issuer, audience and times were checked. Only a {@link WebIdentityVerifier}
 * creates these (the architecture test refuses one made outside the OIDC verifier's package).
 *
 * @param audience the audience value that matched a client ID (from {@code aud}, or {@code azp} where AWS uses it)
 * @param sessionTags principal tags from the {@code https://aws.amazon.com/tags} claim, in claim order
 * @param transitiveTagKeys from the same claim
 * @param sourceIdentity the {@code https://aws.amazon.com/source_identity} claim
 * @param amr the {@code amr} claim values (multivalued condition key)
 * @param keyId the JWKS key that verified the signature
 */
public record VerifiedWebIdentity(String issuer, String subject, String audience, List<String> allAudiences,
        Optional<String> authorizedParty, Instant issuedAt, Instant expiresAt, Map<String, String> sessionTags,
        List<String> transitiveTagKeys, Optional<String> sourceIdentity, List<String> amr, String keyId) {
    public VerifiedWebIdentity {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(audience, "audience is null");
        allAudiences = List.copyOf(allAudiences);
        requireNonNull(authorizedParty, "authorizedParty is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        sessionTags = Map.copyOf(sessionTags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        amr = List.copyOf(amr);
        requireNonNull(keyId, "keyId is null");
    }
}
