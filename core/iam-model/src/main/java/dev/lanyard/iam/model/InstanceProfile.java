package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;

/** An instance profile: a container for (at most) one role that EC2 instances assume. Roles are named, in order. */
public record InstanceProfile(AccountId account, String instanceProfileId, String name, String path,
        Instant createDate, List<String> roleNames, List<Tag> tags) implements IamEntity, Tagged<InstanceProfile> {
    public InstanceProfile {
        requireNonNull(account, "account is null");
        requireNonNull(instanceProfileId, "instanceProfileId is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(createDate, "createDate is null");
        roleNames = List.copyOf(roleNames);
        tags = List.copyOf(tags);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public Arn arn() {
        return arn(Partition.AWS);
    }

    public Arn arn(Partition partition) {
        return partition.iam(account, "instance-profile" + path + name);
    }

    public boolean holds(String roleName) {
        return roleNames.stream().anyMatch(r -> r.equalsIgnoreCase(roleName));
    }

    public InstanceProfile withRoleNames(List<String> names) {
        return new InstanceProfile(account, instanceProfileId, name, path, createDate, names, tags);
    }

    public InstanceProfile withTags(List<Tag> newTags) {
        return new InstanceProfile(account, instanceProfileId, name, path, createDate, roleNames, newTags);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.INSTANCE_PROFILE, account.value(), name);
    }
}
