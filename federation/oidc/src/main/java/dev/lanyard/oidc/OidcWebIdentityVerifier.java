package dev.lanyard.oidc;

import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import dev.lanyard.iam.spi.federation.WebIdentityVerifier;
import dev.lanyard.oidc.internal.CheckTrail;
import dev.lanyard.oidc.internal.TokenVerifier;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Verifies OIDC tokens for AssumeRoleWithWebIdentity against the provider's discovery document and JWKS.
 *
 * <p>Order of checks: length, JWS shape, header policy (RS/PS/ES only; no {@code jku}, {@code x5u}, {@code jwk},
 * {@code crit}), {@code iss} equals the provider URL, signing key (cached JWKS, one rate-limited refresh for an
 * unknown {@code kid}), the key's algorithm, signature, {@code exp}, {@code nbf}, {@code iat}, {@code aud}/{@code azp},
 * {@code sub}, then the AWS tag/source-identity/{@code amr} claims. Thread-safe; one instance serves every provider.
 */
public final class OidcWebIdentityVerifier implements WebIdentityVerifier {
    private final TokenVerifier verifier;

    public OidcWebIdentityVerifier(OidcVerifierConfig config, InstantSource clock, JwksFetcher fetcher) {
        this.verifier = new TokenVerifier(config, clock, fetcher);
    }

    @Override
    public Optional<String> unverifiedIssuer(String token) {
        return verifier.unverifiedIssuer(token);
    }

    @Override
    public VerifiedWebIdentity verify(String token, OidcProviderTrust provider) {
        return verifier.verify(token, provider, CheckTrail.enforcing(provider.providerArn()));
    }

    @Override
    public List<FederationCheck> explain(String token, OidcProviderTrust provider) {
        CheckTrail trail = CheckTrail.diagnostic(provider.providerArn());
        try {
            verifier.verify(token, provider, trail);
        } catch (AwsException expected) {
            // the trail already ends with the failed check
        }
        return trail.checks();
    }

    /** Forgets the cached keys of {@code issuerUrl}, for when its provider is updated or deleted. */
    public void forget(String issuerUrl) {
        verifier.invalidate(issuerUrl);
    }
}
