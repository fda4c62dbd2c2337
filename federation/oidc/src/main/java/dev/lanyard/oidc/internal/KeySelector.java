package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.oidc.JwksFetchException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the JWKS key for a token, checks that the key allows the header's algorithm, and verifies the signature. */
final class KeySelector {
    private final JwksCache cache;

    KeySelector(JwksCache cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    /** Returns the id of the key that verified the signature (its RFC 7638 thumbprint if the key has no kid). */
    String verify(ParsedToken token, URI issuer, List<String> thumbprints, CheckTrail trail) {
        Optional<String> kid = JwsParsing.keyId(token);
        JwksCache.Lookup lookup = lookup(issuer, thumbprints, kid, trail);
        List<JWK> candidates = candidates(lookup, kid, trail);
        JWSAlgorithm alg = token.jws().getHeader().getAlgorithm();
        List<JWK> compatible = new ArrayList<>();
        for (JWK key : candidates) {
            if (KeyPolicy.algorithms(key).contains(alg)) {
                compatible.add(key);
            }
        }
        if (compatible.isEmpty()) {
            throw trail.invalid(Check.ALGORITHM, Messages.SIGNATURE_INVALID, "header alg " + alg + " is allowed by "
                    + "no candidate key: " + candidates.stream().map(KeyPolicy::describe).toList());
        }
        trail.pass(Check.ALGORITHM, () -> alg + " allowed by " + compatible.stream().map(KeyPolicy::describe).toList());
        for (JWK key : compatible) {
            if (signatureVerifies(token, key)) {
                String keyId = keyId(key);
                trail.pass(Check.SIGNATURE, () -> "verified with kid " + keyId);
                return keyId;
            }
        }
        throw trail.invalid(Check.SIGNATURE, Messages.SIGNATURE_INVALID, "signature does not verify with "
                + compatible.stream().map(KeyPolicy::describe).toList());
    }

    private JwksCache.Lookup lookup(URI issuer, List<String> thumbprints, Optional<String> kid, CheckTrail trail) {
        try {
            return cache.lookup(issuer, thumbprints, kid);
        } catch (JwksFetchException e) {
            throw fetchFailure(e, issuer, trail);
        }
    }

    private static List<JWK> candidates(JwksCache.Lookup lookup, Optional<String> kid, CheckTrail trail) {
        SigningKeys keys = lookup.keys();
        if (kid.isEmpty()) {
            trail.pass(Check.SIGNING_KEY, () -> "token has no kid; trying all " + keys.keys().size() + " keys ("
                    + lookup.note() + ")");
            return keys.keys();
        }
        List<JWK> matching = keys.keys().stream().filter(k -> kid.get().equals(k.getKeyID())).toList();
        if (matching.isEmpty()) {
            throw trail.invalid(Check.SIGNING_KEY, Messages.KEY_UNAVAILABLE, "kid '" + kid.get() + "' is not in the "
                    + "JWKS at " + keys.jwksUri() + " (kids " + keys.keyIds() + "; " + lookup.note() + ")");
        }
        trail.pass(Check.SIGNING_KEY, () -> "kid '" + kid.get() + "' found in " + keys.jwksUri() + " (" + lookup.note()
                + ")");
        return matching;
    }

    private static AwsException fetchFailure(JwksFetchException e, URI issuer, CheckTrail trail) {
        String detail = "keys for " + issuer + ": " + e.kind() + ": " + e.getMessage();
        return switch (e.kind()) {
            case UNREACHABLE -> trail.fail(Check.SIGNING_KEY, ErrorCode.IDP_COMMUNICATION_ERROR,
                    Messages.IDP_UNREACHABLE, detail);
            case BAD_RESPONSE, INSECURE_URL -> trail.invalid(Check.SIGNING_KEY, Messages.KEY_UNAVAILABLE, detail);
            case UNTRUSTED_CERTIFICATE -> trail.invalid(Check.SIGNING_KEY, Messages.THUMBPRINT_MISMATCH, detail);
        };
    }

    private static boolean signatureVerifies(ParsedToken token, JWK key) {
        try {
            JWSVerifier verifier = switch (key) {
                case RSAKey rsa -> new RSASSAVerifier(rsa.toRSAPublicKey());
                case ECKey ec -> new ECDSAVerifier(ec.toECPublicKey());
                default -> throw new JOSEException("unsupported key type " + key.getKeyType());
            };
            return token.jws().verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static String keyId(JWK key) {
        if (key.getKeyID() != null) {
            return key.getKeyID();
        }
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            return "(no kid)";
        }
    }
}
