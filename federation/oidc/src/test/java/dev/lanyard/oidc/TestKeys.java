package dev.lanyard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;

/** Signing keys made once per test JVM (RSA generation is slow). */
final class TestKeys {
    static final RSAKey RSA = rsa("rsa-1");
    static final RSAKey RSA_OTHER = rsa("rsa-1"); // same kid, different key: a forger's
    static final ECKey EC_P256 = ec("ec-256", Curve.P_256);
    static final ECKey EC_P384 = ec("ec-384", Curve.P_384);

    private TestKeys() {
    }

    /** The public JWKS a provider would publish for {@code keys}. */
    static JWKSet publicSet(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet();
    }

    static JWKSet standardSet() {
        return publicSet(RSA, EC_P256, EC_P384);
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid, Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
