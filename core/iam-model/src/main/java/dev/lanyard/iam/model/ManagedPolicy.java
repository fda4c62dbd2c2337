package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A managed policy. Customer managed policies belong to an account; AWS managed ones (account "aws") are built in
 * and never stored.
 */
public record ManagedPolicy(String owner, String policyId, String name, String path, Optional<String> description,
        Instant createDate, Instant updateDate, String defaultVersionId, List<PolicyVersion> versions, List<Tag> tags)
        implements IamEntity, Tagged<ManagedPolicy> {
    public static final String AWS_OWNER = "aws";

    public ManagedPolicy {
        requireNonNull(owner, "owner is null");
        requireNonNull(policyId, "policyId is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(description, "description is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(updateDate, "updateDate is null");
        requireNonNull(defaultVersionId, "defaultVersionId is null");
        versions = List.copyOf(versions);
        tags = List.copyOf(tags);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public Arn arn() {
        return arn(Partition.AWS);
    }

    public Arn arn(Partition partition) {
        return partition.arn("iam", "", owner, "policy" + path + name);
    }

    public boolean awsManaged() {
        return AWS_OWNER.equals(owner);
    }

    public ManagedPolicy withVersions(List<PolicyVersion> newVersions, String newDefault, Instant updated) {
        return new ManagedPolicy(owner, policyId, name, path, description, createDate, updated, newDefault,
                newVersions, tags);
    }

    public ManagedPolicy withTags(List<Tag> newTags) {
        return new ManagedPolicy(owner, policyId, name, path, description, createDate, updateDate, defaultVersionId,
                versions, newTags);
    }

    public PolicyVersion defaultVersion() {
        return versions.stream().filter(v -> v.versionId().equals(defaultVersionId)).findFirst().orElseThrow();
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.MANAGED_POLICY, owner, arn().toString());
    }

    public record PolicyVersion(String versionId, StoredPolicy policy, Instant createDate) {
        public PolicyVersion {
            requireNonNull(versionId, "versionId is null");
            requireNonNull(policy, "policy is null");
            requireNonNull(createDate, "createDate is null");
        }
    }
}
