package dev.lanyard.iam.spi.federation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAML assertion read only from signed content after every check passed. Only a {@link SamlAssertionVerifier}
 * creates these (the architecture test refuses one made outside the SAML verifier's package).
 *
 * @param nameIdFormat the NameID Format URI as sent (the STS response shortens it)
 * @param recipient the SubjectConfirmationData Recipient (AWS's {@code Audience} and {@code saml:aud})
 * @param roles the (role ARN, provider ARN) pairs of the {@code https://aws.amazon.com/SAML/Attributes/Role} attribute
 * @param attributes every attribute by Name, all values, for {@code saml:*} condition keys
 */
public record VerifiedSamlAssertion(String issuer, String nameId, String nameIdFormat, String recipient,
        List<String> audiences, Instant notOnOrAfter, Optional<Instant> sessionNotOnOrAfter, List<RolePair> roles,
        Optional<String> roleSessionName, Optional<Integer> sessionDurationSeconds, Map<String, String> principalTags,
        List<String> transitiveTagKeys, Optional<String> sourceIdentity, Map<String, List<String>> attributes) {
    public record RolePair(String roleArn, String providerArn) {
        public RolePair {
            requireNonNull(roleArn, "roleArn is null");
            requireNonNull(providerArn, "providerArn is null");
        }
    }

    public VerifiedSamlAssertion {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(nameId, "nameId is null");
        requireNonNull(nameIdFormat, "nameIdFormat is null");
        requireNonNull(recipient, "recipient is null");
        audiences = List.copyOf(audiences);
        requireNonNull(notOnOrAfter, "notOnOrAfter is null");
        requireNonNull(sessionNotOnOrAfter, "sessionNotOnOrAfter is null");
        roles = List.copyOf(roles);
        requireNonNull(roleSessionName, "roleSessionName is null");
        requireNonNull(sessionDurationSeconds, "sessionDurationSeconds is null");
        principalTags = Map.copyOf(principalTags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        attributes = Map.copyOf(attributes);
    }
}
