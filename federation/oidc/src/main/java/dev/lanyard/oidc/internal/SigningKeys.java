package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The usable public signing keys of one issuer, as fetched at one moment. */
record SigningKeys(URI jwksUri, List<JWK> keys, int skipped, Instant fetchedAt) {
    SigningKeys {
        requireNonNull(jwksUri, "jwksUri is null");
        keys = List.copyOf(keys);
        requireNonNull(fetchedAt, "fetchedAt is null");
    }

    boolean hasKeyId(String kid) {
        for (JWK key : keys) {
            if (kid.equals(key.getKeyID())) {
                return true;
            }
        }
        return false;
    }

    /** Whether these keys can answer for a token with this key id (any key will do for a token without one). */
    boolean covers(Optional<String> kid) {
        return kid.map(this::hasKeyId).orElse(!keys.isEmpty());
    }

    List<String> keyIds() {
        return keys.stream().map(k -> String.valueOf(k.getKeyID())).toList();
    }
}
