package dev.lanyard.server;

import dev.lanyard.oidc.HttpJwksFetcher;
import dev.lanyard.oidc.JwksFetcher;
import dev.lanyard.oidc.OidcVerifierConfig;
import dev.lanyard.oidc.OidcWebIdentityVerifier;
import java.time.Clock;
import java.util.Optional;

/**
 * Inbound web identity federation as {@code serve} configures it: the identity providers' TLS trust, one JWKS fetcher
 * (counted when metrics are on) and the verifier that uses it. The server closes the fetcher when it stops.
 */
record WebIdentityFederation(HttpJwksFetcher jwksFetcher, OidcWebIdentityVerifier verifier) {
    static WebIdentityFederation of(LanyardConfig config, Clock clock, Optional<MicrometerObservations> metrics) {
        OidcVerifierConfig oidcConfig = OidcVerifierConfig.defaults()
                .withAllowInsecureLoopback(config.oidcAllowInsecureLoopback());
        if (config.oidcCaBundle().isPresent()) {
            oidcConfig = oidcConfig.withCaBundle(config.oidcCaBundle().get());
        }
        HttpJwksFetcher fetcher = new HttpJwksFetcher(oidcConfig);
        JwksFetcher observed = metrics.<JwksFetcher>map(m -> new ObservedJwksFetcher(fetcher, m)).orElse(fetcher);
        return new WebIdentityFederation(fetcher, new OidcWebIdentityVerifier(oidcConfig, clock, observed));
    }
}
