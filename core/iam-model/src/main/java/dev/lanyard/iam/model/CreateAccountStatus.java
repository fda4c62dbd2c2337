package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.Optional;

/** The record of one CreateAccount request (accounts are created synchronously, so it is born SUCCEEDED). */
public record CreateAccountStatus(String id, AccountId requestedBy, String accountName, String state,
        Instant requestedAt, Instant completedAt, Optional<AccountId> accountId, Optional<String> failureReason)
        implements IamEntity {
    public CreateAccountStatus {
        requireNonNull(id, "id is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(accountName, "accountName is null");
        requireNonNull(state, "state is null");
        requireNonNull(requestedAt, "requestedAt is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(failureReason, "failureReason is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.CREATE_ACCOUNT_STATUS, requestedBy.value(), id);
    }
}
