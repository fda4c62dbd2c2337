package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.List;

/** An account; the management account owns the organization and may create member accounts. */
public record Account(AccountId id, String name, String email, AccountStatus status, Instant createdAt,
        boolean management, List<Tag> tags) implements IamEntity {
    public enum AccountStatus { ACTIVE, SUSPENDED }

    public Account {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        tags = List.copyOf(tags);
    }

    public Account(AccountId id, String name, String email, AccountStatus status, Instant createdAt,
            boolean management) {
        this(id, name, email, status, createdAt, management, List.of());
    }

    public Account withStatus(AccountStatus newStatus) {
        return new Account(id, name, email, newStatus, createdAt, management, tags);
    }

    public Account withTags(List<Tag> newTags) {
        return new Account(id, name, email, status, createdAt, management, newTags);
    }

    public boolean active() {
        return status == AccountStatus.ACTIVE;
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ACCOUNT, id.value(), id.value());
    }
}
