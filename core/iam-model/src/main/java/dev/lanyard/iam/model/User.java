package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public record User(AccountId account, String userId, String name, String path, Instant createDate,
        Optional<String> permissionsBoundaryArn, List<Tag> tags, List<InlinePolicy> inlinePolicies,
        List<String> attachedPolicyArns) implements IamEntity, Tagged<User> {
    public User {
        requireNonNull(account, "account is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn is null");
        tags = List.copyOf(tags);
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public Arn arn() {
        return arn(Partition.AWS);
    }

    public Arn arn(Partition partition) {
        return partition.iam(account, "user" + path + name);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.USER, account.value(), name);
    }

    public User withInlinePolicies(List<InlinePolicy> policies) {
        return new User(account, userId, name, path, createDate, permissionsBoundaryArn, tags, policies,
                attachedPolicyArns);
    }

    public User withAttachedPolicyArns(List<String> arns) {
        return new User(account, userId, name, path, createDate, permissionsBoundaryArn, tags, inlinePolicies, arns);
    }

    public User withTags(List<Tag> newTags) {
        return new User(account, userId, name, path, createDate, permissionsBoundaryArn, newTags, inlinePolicies,
                attachedPolicyArns);
    }

    public User withPermissionsBoundary(Optional<String> boundaryArn) {
        return new User(account, userId, name, path, createDate, boundaryArn, tags, inlinePolicies,
                attachedPolicyArns);
    }

    public User withNameAndPath(String newName, String newPath) {
        return new User(account, userId, newName, newPath, createDate, permissionsBoundaryArn, tags, inlinePolicies,
                attachedPolicyArns);
    }
}
