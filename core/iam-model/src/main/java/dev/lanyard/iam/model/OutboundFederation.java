package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;

/** An account's outbound web identity federation: whether GetWebIdentityToken may issue JWTs for it. */
public record OutboundFederation(AccountId account, boolean enabled) implements IamEntity {
    public OutboundFederation {
        requireNonNull(account, "account is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.OUTBOUND_FEDERATION, account.value(), account.value());
    }
}
