package dev.lanyard.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound signing keys: tokens verify with the published public keys, across a rotation, until the key is dropped. */
class JwkTokenSignerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    private static boolean verifies(String token, String publicJwks) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        var key = JWKSet.parse(publicJwks).getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) {
            return false;
        }
        JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
        return jwt.verify(verifier);
    }

    @Test
    void rotationKeepsOldKeysPublishedUntilDropped() throws Exception {
        JwkTokenSigner signer = new JwkTokenSigner(InstantSource.fixed(T0), new SecureRandom());
        String keys = signer.generateKeySet();
        assertThat(signer.publicJwks(keys)).doesNotContain("\"d\"");
        String before = signer.sign(keys, "RS256", Map.of("sub", "a"));
        String beforeEc = signer.sign(keys, "ES384", Map.of("sub", "a"));
        assertThat(verifies(before, signer.publicJwks(keys))).isTrue();
        assertThat(verifies(beforeEc, signer.publicJwks(keys))).isTrue();
        assertThat(signer.newestKeyCreated(keys)).isEqualTo(T0);

        Instant later = T0.plus(Duration.ofDays(1));
        String rotated = signer.rotate(keys, later, T0);
        assertThat(signer.newestKeyCreated(rotated)).isEqualTo(later);
        String after = signer.sign(rotated, "RS256", Map.of("sub", "b"));
        assertThat(SignedJWT.parse(after).getHeader().getKeyID())
                .isNotEqualTo(SignedJWT.parse(before).getHeader().getKeyID());
        assertThat(verifies(before, signer.publicJwks(rotated))).isTrue();
        assertThat(verifies(after, signer.publicJwks(rotated))).isTrue();

        String pruned = signer.rotate(rotated, later.plus(Duration.ofDays(1)), later);
        assertThat(verifies(before, signer.publicJwks(pruned))).isFalse();
        assertThat(verifies(after, signer.publicJwks(pruned))).isTrue();
    }
}
