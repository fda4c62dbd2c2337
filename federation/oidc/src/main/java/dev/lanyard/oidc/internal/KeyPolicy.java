package dev.lanyard.oidc.internal;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Set;

/**
 * Which algorithms a JWKS key may verify. The key decides, never the token header: an RSA key allows RS and PS, an
 * EC key only the ES algorithm of its curve, and a key that declares {@code alg} only that algorithm.
 */
final class KeyPolicy {
    static final int MIN_RSA_BITS = 2048;

    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private KeyPolicy() {
    }

    /** The algorithms {@code key} verifies; empty if it cannot verify any we accept. */
    static Set<JWSAlgorithm> algorithms(JWK key) {
        Set<JWSAlgorithm> byType = switch (key) {
            case RSAKey rsa -> rsa.size() >= MIN_RSA_BITS ? RSA : Set.of();
            case ECKey ec -> curveAlgorithm(ec.getCurve());
            default -> Set.of();
        };
        Algorithm declared = key.getAlgorithm();
        if (declared == null) {
            return byType;
        }
        JWSAlgorithm declaredJws = JWSAlgorithm.parse(declared.getName());
        return byType.contains(declaredJws) ? Set.of(declaredJws) : Set.of();
    }

    /** A key meant for signatures: {@code use} absent or {@code sig}, {@code key_ops} absent or with verify. */
    static boolean isSigningKey(JWK key) {
        KeyUse use = key.getKeyUse();
        Set<KeyOperation> ops = key.getKeyOperations();
        return (use == null || KeyUse.SIGNATURE.equals(use)) && (ops == null || ops.contains(KeyOperation.VERIFY))
                && !algorithms(key).isEmpty();
    }

    static String describe(JWK key) {
        String type = switch (key) {
            case RSAKey rsa -> "RSA " + rsa.size() + " bits";
            case ECKey ec -> "EC " + ec.getCurve();
            default -> key.getKeyType().getValue();
        };
        return "kid=" + key.getKeyID() + " (" + type + (key.getAlgorithm() == null ? "" : ", alg "
                + key.getAlgorithm().getName()) + ", allows " + algorithms(key) + ")";
    }

    private static Set<JWSAlgorithm> curveAlgorithm(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return Set.of(JWSAlgorithm.ES256);
        }
        if (Curve.P_384.equals(curve)) {
            return Set.of(JWSAlgorithm.ES384);
        }
        if (Curve.P_521.equals(curve)) {
            return Set.of(JWSAlgorithm.ES512);
        }
        return Set.of();
    }
}
