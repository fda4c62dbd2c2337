package dev.lanyard.oidc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits and trust settings of the web identity verifier.
 *
 * @param clockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}; at most {@link #MAX_CLOCK_SKEW}
 * @param jwksFreshness how long fetched keys are used without asking the IdP again
 * @param jwksMaxStale the age (since the last successful fetch) up to which cached keys are still served while the
 *     IdP cannot be reached; beyond it tokens are refused
 * @param minRefreshInterval the least time between two fetches for one issuer, so tokens with made-up key ids cannot
 *     make us hammer the IdP
 * @param connectTimeout TCP + TLS connect limit for discovery and JWKS requests
 * @param readTimeout limit for one whole response once connected
 * @param maxTokenLength the longest token accepted (the API model allows 20,000 characters)
 * @param maxDocumentBytes the largest discovery or JWKS document read
 * @param allowInsecureLoopback allow {@code http://} issuers and JWKS URLs on loopback addresses, for tests and
 *     development only; every other URL must be {@code https://}
 * @param caBundle PEM file with extra trusted CA certificates, added to the JDK trust store
 */
public record OidcVerifierConfig(Duration clockSkew, Duration jwksFreshness, Duration jwksMaxStale,
        Duration minRefreshInterval, Duration connectTimeout, Duration readTimeout, int maxTokenLength,
        int maxDocumentBytes, boolean allowInsecureLoopback, Optional<Path> caBundle) {
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
    public static final int API_MAX_TOKEN_LENGTH = 20_000;

    public OidcVerifierConfig {
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(jwksFreshness, "jwksFreshness is null");
        requireNonNull(jwksMaxStale, "jwksMaxStale is null");
        requireNonNull(minRefreshInterval, "minRefreshInterval is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(caBundle, "caBundle is null");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and " + MAX_CLOCK_SKEW + ": " + clockSkew);
        }
        requirePositive(jwksFreshness, "jwksFreshness");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("minRefreshInterval is negative: " + minRefreshInterval);
        }
        if (jwksMaxStale.compareTo(jwksFreshness) < 0) {
            throw new IllegalArgumentException("jwksMaxStale must not be shorter than jwksFreshness");
        }
        if (maxTokenLength < 1 || maxTokenLength > API_MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("maxTokenLength must be 1.." + API_MAX_TOKEN_LENGTH);
        }
        if (maxDocumentBytes < 1024) {
            throw new IllegalArgumentException("maxDocumentBytes must be at least 1024");
        }
    }

    /** Skew 5 min, keys fresh 1 h and served up to 24 h in an outage, one refresh per minute, 5 s timeouts. */
    public static OidcVerifierConfig defaults() {
        return new OidcVerifierConfig(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(5), API_MAX_TOKEN_LENGTH,
                512 * 1024, false, Optional.empty());
    }

    public OidcVerifierConfig withClockSkew(Duration skew) {
        return new OidcVerifierConfig(skew, jwksFreshness, jwksMaxStale, minRefreshInterval, connectTimeout,
                readTimeout, maxTokenLength, maxDocumentBytes, allowInsecureLoopback, caBundle);
    }

    public OidcVerifierConfig withJwksCaching(Duration freshness, Duration maxStale, Duration refreshInterval) {
        return new OidcVerifierConfig(clockSkew, freshness, maxStale, refreshInterval, connectTimeout, readTimeout,
                maxTokenLength, maxDocumentBytes, allowInsecureLoopback, caBundle);
    }

    public OidcVerifierConfig withTimeouts(Duration connect, Duration read) {
        return new OidcVerifierConfig(clockSkew, jwksFreshness, jwksMaxStale, minRefreshInterval, connect, read,
                maxTokenLength, maxDocumentBytes, allowInsecureLoopback, caBundle);
    }

    public OidcVerifierConfig withLimits(int tokenLength, int documentBytes) {
        return new OidcVerifierConfig(clockSkew, jwksFreshness, jwksMaxStale, minRefreshInterval, connectTimeout,
                readTimeout, tokenLength, documentBytes, allowInsecureLoopback, caBundle);
    }

    public OidcVerifierConfig withAllowInsecureLoopback(boolean allow) {
        return new OidcVerifierConfig(clockSkew, jwksFreshness, jwksMaxStale, minRefreshInterval, connectTimeout,
                readTimeout, maxTokenLength, maxDocumentBytes, allow, caBundle);
    }

    public OidcVerifierConfig withCaBundle(Path pemFile) {
        return new OidcVerifierConfig(clockSkew, jwksFreshness, jwksMaxStale, minRefreshInterval, connectTimeout,
                readTimeout, maxTokenLength, maxDocumentBytes, allowInsecureLoopback,
                Optional.of(requireNonNull(pemFile, "pemFile is null")));
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
