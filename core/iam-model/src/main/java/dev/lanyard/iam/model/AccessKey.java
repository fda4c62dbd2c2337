package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import java.time.Instant;
import java.util.Optional;

/** A long-term access key of an IAM user, or of the account root when {@code userName} is empty. */
public record AccessKey(AccessKeyId id, AccountId account, Optional<String> userName, SecretAccessKey secret,
        Status status, Instant createDate) implements IamEntity {
    public enum Status { Active, Inactive }

    public AccessKey {
        requireNonNull(id, "id is null");
        requireNonNull(account, "account is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(status, "status is null");
        requireNonNull(createDate, "createDate is null");
    }

    public boolean rootKey() {
        return userName.isEmpty();
    }

    public AccessKey withStatus(Status newStatus) {
        return new AccessKey(id, account, userName, secret, newStatus, createDate);
    }

    public AccessKey withUserName(String newName) {
        return new AccessKey(id, account, Optional.of(newName), secret, status, createDate);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ACCESS_KEY, account.value(), id.value());
    }
}
