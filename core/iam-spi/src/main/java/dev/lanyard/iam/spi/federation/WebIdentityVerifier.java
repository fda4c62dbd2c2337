package dev.lanyard.iam.spi.federation;

import java.util.List;
import java.util.Optional;

/**
 * Validates OIDC ID tokens (JWTs) for AssumeRoleWithWebIdentity.
 *
 * <p>Security guarantees: the algorithm comes from the verification key, never from the token header; {@code none},
 * HMAC and the {@code jku}/{@code x5u}/{@code jwk} headers are refused; signature, issuer, audience, {@code exp},
 * {@code nbf} and {@code iat} are checked with bounded skew before anything in the token is returned.
 */
public interface WebIdentityVerifier {
    /**
     * The unverified {@code iss} claim, used only to select the provider; empty if the token is not a JWT. Throws
     * nothing: the verify step reports every problem.
     */
    Optional<String> unverifiedIssuer(String token);

    /**
     * Verifies the token against the provider. Failures throw {@link dev.lanyard.aws.AwsException} with AWS's code
     * and message ({@code InvalidIdentityToken}, {@code ExpiredTokenException}, {@code IDPCommunicationError},
     * {@code IDPRejectedClaim}) and the failed check in {@code operatorDetail()}.
     */
    VerifiedWebIdentity verify(String token, OidcProviderTrust provider);

    /** Runs the same checks without throwing, for diagnostics; the last entry is the first failure, if any. */
    List<FederationCheck> explain(String token, OidcProviderTrust provider);
}
