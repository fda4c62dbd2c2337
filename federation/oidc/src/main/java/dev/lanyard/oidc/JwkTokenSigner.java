package dev.lanyard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.iam.spi.federation.WebIdentityTokenSigner;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

/** Outbound web identity tokens signed with nimbus: one RSA 2048 key for RS256, one P-384 key for ES384. */
public final class JwkTokenSigner implements WebIdentityTokenSigner {
    @Override
    public String generateKeySet() {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("rs256-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            ECKey ec = new ECKeyGenerator(Curve.P_384).keyID("es384-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES384).generate();
            return new JWKSet(java.util.List.of(rsa, ec)).toString(false);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate signing keys", e);
        }
    }

    @Override
    public String publicJwks(String privateKeySet) {
        return parse(privateKeySet).toPublicJWKSet().toString();
    }

    @Override
    public String sign(String privateKeySet, String algorithm, Map<String, Object> claims) {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = parse(privateKeySet).getKeys().stream().filter(k -> alg.equals(k.getAlgorithm())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no signing key for " + algorithm));
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach(builder::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), builder.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static JWKSet parse(String privateKeySet) {
        try {
            return JWKSet.parse(privateKeySet);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing keys are not a JWK set", e);
        }
    }
}
