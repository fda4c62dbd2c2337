package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretBytes;
import java.time.Instant;
import java.util.Optional;

/** One AES-256 key of a {@link TokenKeyset}; {@code keyId} travels in every token it seals. */
public record TokenKey(int keyId, SecretBytes material, TokenKeyStatus status, Instant createdAt,
                       Optional<Instant> retiredAt) {
    public static final int KEY_LENGTH_BYTES = 32;

    public TokenKey {
        requireNonNull(material, "material is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(retiredAt, "retiredAt is null");
        if (material.length() != KEY_LENGTH_BYTES) {
            throw new IllegalArgumentException("token key material must be " + KEY_LENGTH_BYTES + " bytes");
        }
        if (status == TokenKeyStatus.PRIMARY && retiredAt.isPresent()) {
            throw new IllegalArgumentException("a primary key cannot be retired");
        }
    }

    public boolean unseals() {
        return switch (status) {
            case PRIMARY, ENABLED -> true;
            case DISABLED -> false;
        };
    }

    TokenKey withStatus(TokenKeyStatus newStatus, Optional<Instant> newRetiredAt) {
        return new TokenKey(keyId, material, newStatus, createdAt, newRetiredAt);
    }
}
