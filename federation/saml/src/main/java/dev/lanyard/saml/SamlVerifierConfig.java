package dev.lanyard.saml;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link XmlSecSamlVerifier} accepts.
 *
 * @param clockSkew tolerance on every SAML time bound (at most 15 minutes)
 * @param maxAssertionAge how long after its {@code IssueInstant} an assertion may be redeemed (AWS: 5 minutes), on
 *     top of the skew
 * @param acceptedAudiences an assertion must name one of these in every {@code AudienceRestriction}
 * @param acceptedRecipients {@code Recipient}/{@code Destination} values accepted when the provider names none
 * @param acceptRegionalSigninRecipients also accept {@code https://<region>.signin.aws.amazon.com/saml}
 * @param maxDocumentBytes the decoded SAML Response limit (the API itself allows 100,000 base64 characters)
 * @param maxMetadataBytes the metadata document limit (IAM allows 10,000,000 characters)
 * @param maxDepth the element nesting limit of both documents
 */
public record SamlVerifierConfig(Duration clockSkew, Duration maxAssertionAge, List<String> acceptedAudiences,
        List<String> acceptedRecipients, boolean acceptRegionalSigninRecipients, int maxDocumentBytes,
        int maxMetadataBytes, int maxDepth, Set<SignatureAlgorithm> signatureAlgorithms,
        Set<DigestAlgorithm> digestAlgorithms, Set<DataEncryptionAlgorithm> encryptionAlgorithms) {
    public static final String AWS_SIGNIN_SAML = "https://signin.aws.amazon.com/saml";
    public static final String AWS_STATIC_SAML = "https://signin.aws.amazon.com/static/saml";
    public static final String AWS_SP_ENTITY_ID = "urn:amazon:webservices";

    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    public SamlVerifierConfig {
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(maxAssertionAge, "maxAssertionAge is null");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and 15 minutes: " + clockSkew);
        }
        if (maxAssertionAge.isNegative() || maxAssertionAge.isZero() || maxAssertionAge.toMinutes() > 24 * 60) {
            throw new IllegalArgumentException("maxAssertionAge must be positive and at most a day: "
                    + maxAssertionAge);
        }
        acceptedAudiences = List.copyOf(acceptedAudiences);
        acceptedRecipients = List.copyOf(acceptedRecipients);
        if (acceptedAudiences.isEmpty()) {
            throw new IllegalArgumentException("acceptedAudiences is empty");
        }
        if (acceptedRecipients.isEmpty() && !acceptRegionalSigninRecipients) {
            throw new IllegalArgumentException("no Recipient could ever match");
        }
        requireRange("maxDocumentBytes", maxDocumentBytes, 1024, 16 << 20);
        requireRange("maxMetadataBytes", maxMetadataBytes, 1024, 64 << 20);
        requireRange("maxDepth", maxDepth, 12, 256);
        signatureAlgorithms = Set.copyOf(signatureAlgorithms);
        digestAlgorithms = Set.copyOf(digestAlgorithms);
        encryptionAlgorithms = Set.copyOf(encryptionAlgorithms);
        if (signatureAlgorithms.isEmpty() || digestAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("no signature could ever verify");
        }
    }

    /** AWS's behaviour: 5 minutes skew and age, both AWS audiences and sign-in endpoints, every listed algorithm. */
    public static SamlVerifierConfig defaults() {
        return new SamlVerifierConfig(Duration.ofMinutes(5), Duration.ofMinutes(5),
                List.of(AWS_SIGNIN_SAML, AWS_SP_ENTITY_ID), List.of(AWS_SIGNIN_SAML, AWS_STATIC_SAML), true,
                200 * 1024, 10_000_000, 32, EnumSet.allOf(SignatureAlgorithm.class),
                EnumSet.allOf(DigestAlgorithm.class), EnumSet.allOf(DataEncryptionAlgorithm.class));
    }

    public SamlVerifierConfig withClockSkew(Duration skew) {
        return new SamlVerifierConfig(skew, maxAssertionAge, acceptedAudiences, acceptedRecipients,
                acceptRegionalSigninRecipients, maxDocumentBytes, maxMetadataBytes, maxDepth, signatureAlgorithms,
                digestAlgorithms, encryptionAlgorithms);
    }

    public SamlVerifierConfig withAcceptedAudiences(List<String> audiences) {
        return new SamlVerifierConfig(clockSkew, maxAssertionAge, audiences, acceptedRecipients,
                acceptRegionalSigninRecipients, maxDocumentBytes, maxMetadataBytes, maxDepth, signatureAlgorithms,
                digestAlgorithms, encryptionAlgorithms);
    }

    public SamlVerifierConfig withAcceptedRecipients(List<String> recipients, boolean regionalSignin) {
        return new SamlVerifierConfig(clockSkew, maxAssertionAge, acceptedAudiences, recipients, regionalSignin,
                maxDocumentBytes, maxMetadataBytes, maxDepth, signatureAlgorithms, digestAlgorithms,
                encryptionAlgorithms);
    }

    public SamlVerifierConfig withEncryptionAlgorithms(Set<DataEncryptionAlgorithm> algorithms) {
        return new SamlVerifierConfig(clockSkew, maxAssertionAge, acceptedAudiences, acceptedRecipients,
                acceptRegionalSigninRecipients, maxDocumentBytes, maxMetadataBytes, maxDepth, signatureAlgorithms,
                digestAlgorithms, algorithms);
    }

    public SamlVerifierConfig withSignatureAlgorithms(Set<SignatureAlgorithm> algorithms) {
        return new SamlVerifierConfig(clockSkew, maxAssertionAge, acceptedAudiences, acceptedRecipients,
                acceptRegionalSigninRecipients, maxDocumentBytes, maxMetadataBytes, maxDepth, algorithms,
                digestAlgorithms, encryptionAlgorithms);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }
}
