package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jwt.JWTParser;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import dev.lanyard.oidc.JwksFetcher;
import dev.lanyard.oidc.OidcVerifierConfig;
import dev.lanyard.oidc.internal.Claims.MalformedClaimException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * The verification pipeline. Nothing from the token is trusted before the signature verified, except {@code iss},
 * which is only compared with the provider URL; the keys always come from the provider's own URL.
 */
public final class TokenVerifier {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.oidc");

    private final OidcVerifierConfig config;
    private final InstantSource clock;
    private final JwksCache cache;
    private final KeySelector keys;
    private final ClaimChecks claimChecks;

    public TokenVerifier(OidcVerifierConfig config, InstantSource clock, JwksFetcher fetcher) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        UrlPolicy urlPolicy = new UrlPolicy(config.allowInsecureLoopback());
        JwksLoader loader = new JwksLoader(requireNonNull(fetcher, "fetcher is null"), urlPolicy);
        this.cache = new JwksCache(config, clock, loader);
        this.keys = new KeySelector(cache);
        this.claimChecks = new ClaimChecks(config.clockSkew(), urlPolicy);
    }

    /** Verifies or throws the {@link AwsException} of the first failed check, recorded in {@code trail}. */
    public VerifiedWebIdentity verify(String token, OidcProviderTrust provider, CheckTrail trail) {
        requireNonNull(token, "token is null");
        requireNonNull(provider, "provider is null");
        try {
            return run(token, provider, trail);
        } catch (AwsException e) {
            throw e;
        } catch (RuntimeException e) {
            // a library surprise on hostile input must still be a client error, never a 500
            LOG.log(Level.WARNING, "unexpected failure verifying a web identity token", e);
            throw trail.invalid(Check.TOKEN_FORMAT, Messages.NOT_A_JWT, "unexpected " + e.getClass().getName()
                    + ": " + JwsParsing.brief(e));
        }
    }

    /** The {@code iss} of anything that parses as a JWT, without any check. */
    public Optional<String> unverifiedIssuer(String token) {
        if (token == null || token.length() > config.maxTokenLength()) {
            return Optional.empty();
        }
        try {
            if (!(JWTParser.parse(token) instanceof JOSEObject jose) || jose.getPayload() == null) {
                return Optional.empty();
            }
            Map<String, Object> claims = jose.getPayload().toJSONObject();
            return claims != null && claims.get("iss") instanceof String iss ? Optional.of(iss) : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void invalidate(String issuerUrl) {
        cache.invalidate(issuerUrl);
    }

    private VerifiedWebIdentity run(String token, OidcProviderTrust provider, CheckTrail trail) {
        JwsParsing.checkLength(token, config.maxTokenLength(), trail);
        ParsedToken parsed = JwsParsing.parse(token, trail);
        URI issuer = claimChecks.issuer(parsed.claims(), provider, trail);
        String keyId = keys.verify(parsed, issuer, provider.thumbprints(), trail);
        ClaimChecks.Times times = claimChecks.times(parsed.claims(), clock.instant(), trail);
        ClaimChecks.Audience audience = claimChecks.audience(parsed.claims(), provider, trail);
        String subject = claimChecks.subject(parsed.claims(), trail);
        FederationClaims federation = federationClaims(parsed.claims(), trail);
        return new VerifiedWebIdentity(provider.issuerUrl(), subject, audience.matched(), audience.all(),
                audience.authorizedParty(), times.issuedAt(), times.expiresAt(), federation.principalTags(),
                federation.transitiveTagKeys(), federation.sourceIdentity(), federation.amr(), keyId);
    }

    private static FederationClaims federationClaims(Claims claims, CheckTrail trail) {
        try {
            FederationClaims federation = FederationClaims.read(claims);
            trail.pass(Check.FEDERATION_CLAIMS, () -> federation.principalTags().size() + " session tags, transitive "
                    + federation.transitiveTagKeys() + ", source identity " + federation.sourceIdentity().isPresent()
                    + ", amr " + federation.amr());
            return federation;
        } catch (MalformedClaimException e) {
            throw trail.invalid(Check.FEDERATION_CLAIMS, Messages.invalidClaim(e.claim()), e.getMessage());
        }
    }
}
