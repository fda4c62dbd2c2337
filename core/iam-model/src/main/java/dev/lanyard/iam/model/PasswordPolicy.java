package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.util.Optional;

/** An account's password policy, as UpdateAccountPasswordPolicy set it (each parameter left out is its default). */
public record PasswordPolicy(AccountId account, int minimumPasswordLength, boolean requireSymbols,
        boolean requireNumbers, boolean requireUppercaseCharacters, boolean requireLowercaseCharacters,
        boolean allowUsersToChangePassword, Optional<Integer> maxPasswordAge, Optional<Integer> passwordReusePrevention,
        Optional<Boolean> hardExpiry) implements IamEntity {
    public PasswordPolicy {
        requireNonNull(account, "account is null");
        requireNonNull(maxPasswordAge, "maxPasswordAge is null");
        requireNonNull(passwordReusePrevention, "passwordReusePrevention is null");
        requireNonNull(hardExpiry, "hardExpiry is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.PASSWORD_POLICY, account.value(), account.value());
    }
}
