package dev.lanyard.oidc;

import java.net.URI;
import java.util.List;

/**
 * Fetches the small JSON documents web identity verification needs: an issuer's
 * {@code /.well-known/openid-configuration} and the JWKS it names.
 *
 * <p>Implementations must refuse plain {@code http://} except for loopback hosts when configuration allows it,
 * must not follow redirects, must bound the response size and time, and over HTTPS must accept a server chain that
 * the trust store (plus the configured CA bundle) does not trust only when the SHA-1 of the chain's top certificate
 * is one of {@code thumbprints}.
 */
public interface JwksFetcher {
    /**
     * GETs {@code uri} and returns the body of a 200 response.
     *
     * @param thumbprints the provider's thumbprints (40 hex digits each, any case), used only for a chain the trust
     *     store does not trust
     */
    String fetch(URI uri, List<String> thumbprints) throws JwksFetchException;
}
