package dev.lanyard.iam.spi.federation;

import java.time.Instant;
import java.util.Map;

/**
 * Signs the JWTs of GetWebIdentityToken (outbound federation), with keys kept as a private JWK set.
 *
 * <p>Security guarantees: private keys leave only as the private JWK set the caller stores encrypted; {@link
 * #publicJwks} never contains private material.
 */
public interface WebIdentityTokenSigner {
    /** A fresh private JWK set with one RS256 (RSA 2048) and one ES384 (P-384) key. */
    String generateKeySet();

    /** The public half, as served at the issuer's JWKS endpoint. */
    String publicJwks(String privateKeySet);

    /** When the newest key of the set was created. */
    Instant newestKeyCreated(String privateKeySet);

    /**
     * Adds a fresh RS256 and ES384 key (new tokens are signed with them) and drops keys created before {@code
     * dropBefore}; keys still in the set keep verifying the tokens they signed.
     */
    String rotate(String privateKeySet, Instant now, Instant dropBefore);

    /** A compact JWS of these claims, signed with the set's key for {@code algorithm} (RS256 or ES384). */
    String sign(String privateKeySet, String algorithm, Map<String, Object> claims);
}
