package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public record Role(AccountId account, String roleId, String name, String path, StoredPolicy trustPolicy,
        Optional<String> description, Duration maxSessionDuration, Instant createDate,
        Optional<String> permissionsBoundaryArn, List<Tag> tags, List<InlinePolicy> inlinePolicies,
        List<String> attachedPolicyArns) implements IamEntity, Tagged<Role> {
    public Role {
        requireNonNull(account, "account is null");
        requireNonNull(roleId, "roleId is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(trustPolicy, "trustPolicy is null");
        requireNonNull(description, "description is null");
        requireNonNull(maxSessionDuration, "maxSessionDuration is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn is null");
        tags = List.copyOf(tags);
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    public static final String SERVICE_LINKED_PATH = "/aws-service-role/";

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public Arn arn() {
        return arn(Partition.AWS);
    }

    public Arn arn(Partition partition) {
        return partition.iam(account, "role" + path + name);
    }

    /** A service-linked role lives under {@code /aws-service-role/SERVICE/}, a path only AWS services create. */
    public boolean serviceLinked() {
        return path.startsWith(SERVICE_LINKED_PATH);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ROLE, account.value(), name);
    }

    public Role withTrustPolicy(StoredPolicy policy) {
        return new Role(account, roleId, name, path, policy, description, maxSessionDuration, createDate,
                permissionsBoundaryArn, tags, inlinePolicies, attachedPolicyArns);
    }

    public Role withDescriptionAndDuration(Optional<String> newDescription, Duration newMax) {
        return new Role(account, roleId, name, path, trustPolicy, newDescription, newMax, createDate,
                permissionsBoundaryArn, tags, inlinePolicies, attachedPolicyArns);
    }

    public Role withInlinePolicies(List<InlinePolicy> policies) {
        return new Role(account, roleId, name, path, trustPolicy, description, maxSessionDuration, createDate,
                permissionsBoundaryArn, tags, policies, attachedPolicyArns);
    }

    public Role withAttachedPolicyArns(List<String> arns) {
        return new Role(account, roleId, name, path, trustPolicy, description, maxSessionDuration, createDate,
                permissionsBoundaryArn, tags, inlinePolicies, arns);
    }

    public Role withTags(List<Tag> newTags) {
        return new Role(account, roleId, name, path, trustPolicy, description, maxSessionDuration, createDate,
                permissionsBoundaryArn, newTags, inlinePolicies, attachedPolicyArns);
    }

    public Role withPermissionsBoundary(Optional<String> boundaryArn) {
        return new Role(account, roleId, name, path, trustPolicy, description, maxSessionDuration, createDate,
                boundaryArn, tags, inlinePolicies, attachedPolicyArns);
    }
}
