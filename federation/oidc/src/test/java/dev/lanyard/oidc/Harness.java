package dev.lanyard.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A loopback IdP, a clock, the real HTTP fetcher and the verifier, wired as the server would wire them. */
final class Harness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    static final String ACCOUNT_ARN_PREFIX = "arn:aws:iam::123456789012:oidc-provider/";

    final TestIdp idp;
    final MutableClock clock = new MutableClock(START);
    final HttpJwksFetcher fetcher;
    final OidcWebIdentityVerifier verifier;

    Harness(TestIdp idp, OidcVerifierConfig config) {
        this.idp = idp;
        this.fetcher = new HttpJwksFetcher(config);
        this.verifier = new OidcWebIdentityVerifier(config, clock, fetcher);
    }

    /** Plain HTTP on loopback (escape hatch on), the standard keys, short timeouts. */
    static Harness loopback() {
        return new Harness(TestIdp.http(TestKeys.standardSet()), loopbackConfig());
    }

    static OidcVerifierConfig loopbackConfig() {
        return OidcVerifierConfig.defaults().withAllowInsecureLoopback(true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    OidcProviderTrust provider() {
        return provider(List.of(Tokens.CLIENT_ID), List.of());
    }

    OidcProviderTrust provider(List<String> clientIds, List<String> thumbprints) {
        String issuer = idp.issuer();
        return new OidcProviderTrust(ACCOUNT_ARN_PREFIX + issuer.substring(issuer.indexOf("://") + 3), issuer,
                clientIds, thumbprints);
    }

    JWTClaimsSet.Builder claims() {
        return Tokens.claims(idp.issuer(), clock.instant());
    }

    String token(JWK key, JWSAlgorithm alg) {
        return Tokens.sign(claims().build(), key, alg);
    }

    String rsaToken() {
        return token(TestKeys.RSA, JWSAlgorithm.RS256);
    }

    @Override
    public void close() {
        fetcher.close();
        idp.close();
    }
}
