package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

/**
 * The private JWK set that signs outbound web identity tokens (RS256 and ES384), shared by every node; a secret,
 * stored encrypted, never printed.
 */
public record OutboundSigningKeys(String privateJwkSet) implements IamEntity {
    public static final String GLOBAL = "global";

    public OutboundSigningKeys {
        requireNonNull(privateJwkSet, "privateJwkSet is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.OUTBOUND_SIGNING_KEYS, GLOBAL, GLOBAL);
    }

    @Override
    public String toString() {
        return "OutboundSigningKeys[REDACTED]";
    }
}
