package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;

/** An IAM group; members are held by user ID so renaming a user keeps the membership. */
public record Group(AccountId account, String groupId, String name, String path, Instant createDate,
        List<String> memberUserIds, List<InlinePolicy> inlinePolicies, List<String> attachedPolicyArns)
        implements IamEntity {
    public Group {
        requireNonNull(account, "account is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        memberUserIds = List.copyOf(memberUserIds);
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public Arn arn() {
        return arn(Partition.AWS);
    }

    public Arn arn(Partition partition) {
        return partition.iam(account, "group" + path + name);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.GROUP, account.value(), name);
    }

    public Group withMembers(List<String> userIds) {
        return new Group(account, groupId, name, path, createDate, userIds, inlinePolicies, attachedPolicyArns);
    }

    public Group withInlinePolicies(List<InlinePolicy> policies) {
        return new Group(account, groupId, name, path, createDate, memberUserIds, policies, attachedPolicyArns);
    }

    public Group withAttachedPolicyArns(List<String> arns) {
        return new Group(account, groupId, name, path, createDate, memberUserIds, inlinePolicies, arns);
    }

    public Group withNameAndPath(String newName, String newPath) {
        return new Group(account, groupId, newName, newPath, createDate, memberUserIds, inlinePolicies,
                attachedPolicyArns);
    }
}
