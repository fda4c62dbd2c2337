package dev.lanyard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Mints test tokens with nimbus, the way an IdP would. */
final class Tokens {
    static final String CLIENT_ID = "lanyard-client";
    static final String SUBJECT = "user-0123456789";

    private Tokens() {
    }

    /** A valid ID token's claims: issued now, expiring in ten minutes, for {@link #CLIENT_ID}. */
    static JWTClaimsSet.Builder claims(String issuer, Instant now) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(SUBJECT).audience(CLIENT_ID)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    static String sign(JWTClaimsSet claims, JWK key, JWSAlgorithm alg) {
        return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims, key);
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
        try {
            JWSSigner signer = switch (key) {
                case RSAKey rsa -> new RSASSASigner(rsa);
                case ECKey ec -> new ECDSASigner(ec);
                default -> throw new IllegalArgumentException("unsupported key " + key.getKeyType());
            };
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs an arbitrary payload, for claims nimbus's builder would normalize away. */
    static String signRaw(String payloadJson, RSAKey key) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new Payload(payloadJson));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the payload of a signed token, keeping header and signature. */
    static String withPayload(String token, String payloadJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64URL.encode(payloadJson) + "." + parts[2];
    }
}
