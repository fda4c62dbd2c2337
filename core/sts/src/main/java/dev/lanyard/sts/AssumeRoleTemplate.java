package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The sequence AssumeRole, AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once each has found its role: the
 * trust policy's checks (the action; {@code sts:TagSession} when the request sets session tags;
 * {@code sts:SetSourceIdentity} when the session carries a source identity), the role session issued, and the members
 * every answer has. Each operation supplies only what differs, as a {@link Variant}.
 */
final class AssumeRoleTemplate {
    private final IamStore store;
    private final CredentialIssuer issuer;
    private final Partition partition;

    /** Sessions of roles named in {@code partition}, the served one: their ARNs and their tokens' principals. */
    AssumeRoleTemplate(IamStore store, CredentialIssuer issuer, Partition partition) {
        this.store = requireNonNull(store, "store is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.partition = requireNonNull(partition, "partition is null");
    }

    /** Decides one action against the role's trust policy, as the operation does; throws the operation's refusal. */
    @FunctionalInterface
    interface TrustCheck {
        void require(String action);
    }

    /**
     * The session asked for: the role, the session's name, the tags the request sets and those a calling session passes
     * on (transitive), the source identity the session will carry, and the session policies.
     */
    record RoleSession(Role role, String sessionName, SessionOrigin origin, SessionTagsRequest requestedTags,
            List<SessionTag> inheritedTransitiveTags, Optional<String> sourceIdentity,
            StsRequests.SessionPolicies policies) {
        RoleSession {
            requireNonNull(role, "role is null");
            requireNonNull(sessionName, "sessionName is null");
            requireNonNull(origin, "origin is null");
            requireNonNull(requestedTags, "requestedTags is null");
            inheritedTransitiveTags = List.copyOf(inheritedTransitiveTags);
            requireNonNull(sourceIdentity, "sourceIdentity is null");
            requireNonNull(policies, "policies is null");
        }
    }

    /**
     * What one operation adds: how an action is decided; when the session ends, given the time of the request (worked
     * out after the trust checks, so only a trusted caller learns the role's limit); its own claims; its own answer
     * members.
     */
    record Variant(TrustCheck trust, UnaryOperator<Instant> expiresAt, UnaryOperator<SessionClaims.Builder> claims,
            Consumer<Struct.Builder> answer) {
        Variant {
            requireNonNull(trust, "trust is null");
            requireNonNull(expiresAt, "expiresAt is null");
            requireNonNull(claims, "claims is null");
            requireNonNull(answer, "answer is null");
        }
    }

    /** The trust context every AssumeRole operation starts from: the session's name, source identity and tags. */
    static ContextKeys.Builder trustKeys(RoleSession session) {
        ContextKeys.Builder keys = ContextKeys.builder();
        keys.put("sts:RoleSessionName", session.sessionName());
        session.sourceIdentity().ifPresent(s -> keys.put("sts:SourceIdentity", s));
        session.requestedTags().addTo(keys);
        FederatedTrust.roleResourceKeys(keys, session.role(), session.inheritedTransitiveTags());
        return keys;
    }

    Struct assume(OperationCall call, String action, RoleSession session, Variant variant) {
        variant.trust().require(action);
        if (!session.requestedTags().isEmpty()) {
            variant.trust().require("sts:TagSession");
        }
        if (session.sourceIdentity().isPresent()) {
            variant.trust().require("sts:SetSourceIdentity");
        }
        Instant now = call.environment().time();
        Instant expiresAt = variant.expiresAt().apply(now);
        Role role = session.role();
        List<SessionTag> tags = new ArrayList<>(session.inheritedTransitiveTags());
        tags.addAll(session.requestedTags().tags());
        List<String> transitiveKeys = new ArrayList<>(session.inheritedTransitiveTags().stream()
                .map(SessionTag::key).toList());
        transitiveKeys.addAll(session.requestedTags().transitiveTagKeys());
        CredentialIssuer.Issued issued = issuer.issue(call.environment(), store.snapshot(), role.account(),
                secret -> variant.claims().apply(SessionClaims.builder().kind(SessionKind.ASSUMED_ROLE)
                        .origin(session.origin()).account(role.account()).secretAccessKey(secret)
                        .principalArn(role.arn(partition).toString()).principalId(role.roleId())
                        .sessionName(session.sessionName()).issuedAt(now).expiresAt(expiresAt)
                        .sourceIdentity(session.sourceIdentity()).tags(tags).transitiveTagKeys(transitiveKeys)
                        .inlineSessionPolicy(session.policies().inline())
                        .sessionPolicyArns(session.policies().arns())).build());
        Struct.Builder result = Struct.builder()
                .put("Credentials", issued.credentials().toStruct())
                .put("AssumedRoleUser", FederatedTrust.assumedRoleUser(partition, role, session.sessionName()));
        if (session.policies().inline().isPresent() || !session.policies().arns().isEmpty()
                || !session.requestedTags().isEmpty()) {
            result.put("PackedPolicySize", issued.packedPolicyPercent());
        }
        variant.answer().accept(result);
        session.sourceIdentity().ifPresent(s -> result.put("SourceIdentity", s));
        return result.build();
    }
}
