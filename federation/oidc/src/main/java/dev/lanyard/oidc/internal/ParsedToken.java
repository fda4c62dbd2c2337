package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.SignedJWT;

/** A compact JWS whose header passed the algorithm and header-parameter policy; its claims are not yet trusted. */
record ParsedToken(SignedJWT jws, Claims claims) {
    ParsedToken {
        requireNonNull(jws, "jws is null");
        requireNonNull(claims, "claims is null");
    }
}
