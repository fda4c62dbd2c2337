package dev.lanyard.sts;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.Role;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.Outcome;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionTag;
import java.util.List;
import java.util.Optional;

/** What the two federation calls share: the trust check of an identity provider, and the session's name. */
final class FederatedTrust {
    private FederatedTrust() {}

    /** The role's trust policy must allow the provider (a Federated principal) this action, with these keys. */
    static void require(AccessControl access, OperationCall call, String providerArn, Role role, ContextKeys keys,
            String action) {
        String roleArn = role.arn(access.partition()).toString();
        LabeledPolicy trust = new LabeledPolicy(new PolicyRef(PolicySource.TRUST, roleArn),
                role.trustPolicy().document());
        Decision decision = access.decideFederated(PrincipalIdentity.webIdentity(role.account(), providerArn),
                call.environment(), new AccessRequest(action, roleArn, Optional.of(role.account()),
                        keys, Optional.of(trust), true), trust);
        if (decision.outcome() != Outcome.ALLOWED) {
            throw StsErrors.notAuthorized(action, String.join("; ", decision.trace()));
        }
    }

    /**
     * The role as the resource of an AssumeRole* call: its tags as {@code aws:ResourceTag} and {@code iam:ResourceTag}
     * (the reference's role resource type carries both), with the caller's transitive session tags replacing role
     * tags of the same key (keys compare case-insensitively).
     */
    static void roleResourceKeys(ContextKeys.Builder keys, Role role, List<SessionTag> inheritedTransitive) {
        role.tags().forEach(t -> resourceTag(keys, t.key(), t.value()));
        inheritedTransitive.forEach(t -> resourceTag(keys, t.key(), t.value()));
    }

    private static void resourceTag(ContextKeys.Builder keys, String key, String value) {
        keys.put("aws:ResourceTag/" + key, value);
        keys.put("iam:ResourceTag/" + key, value);
    }

    /** AssumedRoleUser: {@code ROLEID:SESSION} and the session ARN, which drops the role's path. */
    static Struct assumedRoleUser(Partition partition, Role role, String sessionName) {
        return Struct.builder()
                .put("AssumedRoleId", role.roleId() + ":" + sessionName)
                .put("Arn", partition.sts(role.account(), "assumed-role/" + role.name() + "/" + sessionName).toString())
                .build();
    }
}
