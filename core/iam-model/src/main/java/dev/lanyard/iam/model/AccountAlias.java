package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;

/** An account's alias; aliases are unique across all accounts, so the alias is the key. */
public record AccountAlias(AccountId account, String alias) implements IamEntity {
    public AccountAlias {
        requireNonNull(account, "account is null");
        requireNonNull(alias, "alias is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ACCOUNT_ALIAS, "global", alias);
    }
}
