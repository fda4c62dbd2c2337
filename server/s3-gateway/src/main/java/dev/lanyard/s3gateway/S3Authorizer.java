package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.BucketStore;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.Outcome;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.SessionPolicies;
import dev.lanyard.s3.ObjectRef;
import dev.lanyard.s3.S3Authorization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides one S3 authorization as AWS's S3 does: the caller's identity policies, permissions boundary and session
 * policies, and the bucket's policy as the resource-based policy, with the bucket owner as the resource account
 * (same account: either side allows; another account: both must). {@code s3:ExistingObjectTag/...} keys are looked up
 * only when one of those policies mentions them.
 */
final class S3Authorizer {
    private static final String EXISTING_TAG_KEY = S3Authorization.EXISTING_OBJECT_TAG_PREFIX.toLowerCase(Locale.ROOT);

    private final AccessControl access;
    private final PolicyGatherer gatherer;
    private final BucketStore buckets;
    private final BucketPolicyCache policies = new BucketPolicyCache();

    S3Authorizer(AccessControl access, PolicyGatherer gatherer, BucketStore buckets) {
        this.access = requireNonNull(access, "access is null");
        this.gatherer = requireNonNull(gatherer, "gatherer is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
    }

    /** How the gateway reads an object's tags from the backend (empty for an object without tags or none at all). */
    @FunctionalInterface
    interface TagLookup {
        Map<String, String> tagsOf(ObjectRef object);
    }

    /** One authorization's decision, with what the operator needs to understand it. */
    record Verdict(S3Authorization authorization, Decision decision) {
        boolean allowed() {
            return decision.outcome() == Outcome.ALLOWED;
        }

        String explanation() {
            String statements = decision.determining().stream().map(MatchedStatement::label)
                    .collect(Collectors.joining(", "));
            return authorization.action() + " on " + authorization.resource() + ": " + decision.outcome()
                    + (statements.isEmpty() ? "" : " by " + statements) + " [" + String.join("; ", decision.trace())
                    + "]";
        }
    }

    /** {@code caller} empty: an anonymous request, decided by the bucket policy's grants to everyone alone. */
    Verdict decide(IamSnapshot snapshot, Optional<Caller> caller, RequestEnvironment env,
            S3Authorization authorization, TagLookup tags) {
        Optional<LabeledPolicy> bucketPolicy = bucketOf(authorization.resource(), access.partition()).flatMap(buckets::bucket)
                .flatMap(policies::policyOf);
        S3Authorization complete = authorization;
        if (authorization.existingObjectTagsOf().isPresent()
                && mentionsExistingObjectTags(snapshot, caller, bucketPolicy)) {
            complete = authorization.withExistingObjectTags(tags.tagsOf(authorization.existingObjectTagsOf().get()));
        }
        AccessRequest request = new AccessRequest(complete.action(), complete.resource(), complete.resourceAccount(),
                complete.keys(), bucketPolicy, false);
        if (caller.isPresent()) {
            return new Verdict(complete, access.decide(snapshot, caller.get(), env, request));
        }
        if (complete.resourceAccount().isEmpty()) {
            return new Verdict(complete, new Decision(Outcome.IMPLICIT_DENY, List.of(),
                    List.of("anonymous: no bucket owner whose policy could grant it", "decision: IMPLICIT_DENY")));
        }
        return new Verdict(complete, access.decideAnonymous(env, request));
    }

    /**
     * S3's AccessDenied for a refused authorization, in the wording S3 now uses, with the reason; an anonymous caller
     * gets S3's bare "Access Denied" (there is no principal to name).
     */
    static S3Exception denied(Optional<Caller> anyCaller, Verdict verdict) {
        if (anyCaller.isEmpty()) {
            return new S3Exception(S3ErrorCode.ACCESS_DENIED, S3ErrorCode.ACCESS_DENIED.defaultMessage(), List.of(),
                    "anonymous: " + verdict.explanation());
        }
        Caller caller = anyCaller.get();
        S3Authorization authorization = verdict.authorization();
        String message = "User: " + caller.arn() + " is not authorized to perform: " + authorization.action()
                + " on resource: \"" + authorization.resource() + "\" " + reason(caller, verdict);
        return new S3Exception(S3ErrorCode.ACCESS_DENIED, message, List.of(), verdict.explanation());
    }

    private static String reason(Caller caller, Verdict verdict) {
        Decision decision = verdict.decision();
        String action = verdict.authorization().action();
        boolean crossAccount = verdict.authorization().resourceAccount().filter(a -> !a.equals(caller.account()))
                .isPresent();
        if (decision.outcome() == Outcome.EXPLICIT_DENY) {
            PolicySource source = decision.determining().isEmpty() ? PolicySource.USER_INLINE
                    : decision.determining().getFirst().policy().source();
            return "with an explicit deny in " + switch (source) {
                case USER_INLINE, GROUP_INLINE, ROLE_INLINE, CUSTOMER_MANAGED, AWS_MANAGED -> "an identity-based policy";
                case PERMISSIONS_BOUNDARY -> "a permissions boundary";
                case SESSION_INLINE, SESSION_MANAGED -> "a session policy";
                case TRUST, RESOURCE -> "a resource-based policy";
            };
        }
        return crossAccount ? "because no resource-based policy allows the " + action + " action"
                : "because no identity-based policy allows the " + action + " action";
    }

    private boolean mentionsExistingObjectTags(IamSnapshot snapshot, Optional<Caller> anyCaller,
            Optional<LabeledPolicy> bucketPolicy) {
        List<LabeledPolicy> policies = new ArrayList<>();
        anyCaller.ifPresent(caller -> {
            policies.addAll(gatherer.identityPolicies(snapshot, caller));
            gatherer.permissionsBoundary(snapshot, caller).ifPresent(policies::add);
            if (gatherer.sessionPolicies(snapshot, caller) instanceof SessionPolicies.Passed passed) {
                policies.addAll(passed.policies());
            }
        });
        bucketPolicy.ifPresent(policies::add);
        return policies.stream().anyMatch(p -> p.document().source().toLowerCase(Locale.ROOT)
                .contains(EXISTING_TAG_KEY));
    }

    /** The bucket of an S3 resource ARN of the served partition ({@code arn:P:s3:::bucket[/key]}); else empty. */
    static Optional<String> bucketOf(String resource, Partition partition) {
        String prefix = partition.s3("");
        if (!resource.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = resource.substring(prefix.length());
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }
}
