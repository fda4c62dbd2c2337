package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.internal.Crypto;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cached signing key with an HMAC already initialised under it. {@link #mac()} hands out copies of that prototype,
 * which skip the provider lookup and the key setup (inner and outer pad) that {@code Mac.getInstance} + {@code init}
 * cost on every request. The prototype itself is never updated, so concurrent copies only read it.
 */
final class SigningKey {
    private final SecretKeySpec spec;
    private final Mac prototype;

    SigningKey(SecretKeySpec spec) {
        this.spec = requireNonNull(spec, "spec is null");
        this.prototype = Crypto.hmacSha256(spec);
    }

    SecretKeySpec spec() {
        return spec;
    }

    /** A Mac of its own for the caller, keyed with this signing key. */
    Mac mac() {
        return Crypto.copy(prototype);
    }

    @Override
    public String toString() {
        return "SigningKey[REDACTED]";
    }
}
