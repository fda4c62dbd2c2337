package dev.lanyard.oidc;

import static java.util.Objects.requireNonNull;

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
import dev.lanyard.aws.RandomUuid;
import dev.lanyard.iam.spi.federation.WebIdentityTokenSigner;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Outbound web identity tokens signed with nimbus: one RSA 2048 key for RS256, one P-384 key for ES384. */
public final class JwkTokenSigner implements WebIdentityTokenSigner {
    private final InstantSource clock;
    private final SecureRandom random;

    public JwkTokenSigner(InstantSource clock, SecureRandom random) {
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public String generateKeySet() {
        return new JWKSet(freshKeys(clock.instant())).toString(false);
    }

    /** Key ids carry their creation time ("rs256-EPOCH-uuid"), so rotation and signing need no other metadata. */
    private List<JWK> freshKeys(Instant now) {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("rs256-" + now.getEpochSecond() + "-" + uuid())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).secureRandom(random).generate();
            ECKey ec = new ECKeyGenerator(Curve.P_384).keyID("es384-" + now.getEpochSecond() + "-" + uuid())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384).secureRandom(random).generate();
            return List.of(rsa, ec);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate signing keys", e);
        }
    }

    private String uuid() {
        return RandomUuid.generate(random).toString();
    }

    private static long created(JWK key) {
        String[] parts = key.getKeyID().split("-");
        return parts.length > 2 ? Long.parseLong(parts[1]) : 0;
    }

    @Override
    public Instant newestKeyCreated(String privateKeySet) {
        return Instant.ofEpochSecond(parse(privateKeySet).getKeys().stream()
                .mapToLong(JwkTokenSigner::created).max().orElse(0));
    }

    @Override
    public String rotate(String privateKeySet, Instant now, Instant dropBefore) {
        List<JWK> keys = new ArrayList<>(parse(privateKeySet).getKeys().stream()
                .filter(k -> created(k) >= dropBefore.getEpochSecond()).toList());
        keys.addAll(freshKeys(now));
        return new JWKSet(keys).toString(false);
    }

    @Override
    public String publicJwks(String privateKeySet) {
        return parse(privateKeySet).toPublicJWKSet().toString();
    }

    @Override
    public String sign(String privateKeySet, String algorithm, Map<String, Object> claims) {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = parse(privateKeySet).getKeys().stream().filter(k -> alg.equals(k.getAlgorithm()))
                .max(Comparator.comparingLong(JwkTokenSigner::created))
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
