package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.Outcome;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** sts:AssumeRole — trust policy and the caller's permissions, same account and cross-account, with chaining. */
public final class AssumeRole implements Operation {
    static final Duration CHAINED_MAX = Duration.ofHours(1);
    private static final Duration DEFAULT_DURATION = Duration.ofHours(1);

    private final IamStore store;
    private final AccessControl access;
    private final AssumeRoleTemplate template;
    private final MfaCheck mfa;

    public AssumeRole(IamStore store, AccessControl access, CredentialIssuer issuer, MfaCheck mfa) {
        this.mfa = requireNonNull(mfa, "mfa is null");
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.template = new AssumeRoleTemplate(store, issuer, access.partition());
    }

    private record Request(Arn roleArn, String sessionName, Optional<Integer> durationSeconds,
            Optional<String> externalId, StsRequests.SessionPolicies policies, SessionTagsRequest tags,
            Optional<String> sourceIdentity, Optional<StsRequests.MfaRequest> mfa) {}

    @Override
    public Optional<Struct> handle(OperationCall call) {
        Request request = parse(call.parameters());
        Caller caller = call.requireCaller();
        if (caller instanceof Caller.Root) {
            throw StsErrors.rootMayNotAssumeRoles();
        }
        String resource = request.roleArn().toString();
        boolean crossAccount = !request.roleArn().accountId().map(caller.account()::equals).orElse(false);
        Optional<SessionClaims> callerSession = caller.session();
        boolean chained = caller instanceof Caller.RoleSession;
        // Everything that depends only on the caller is checked before the role is looked at, so none of it can tell
        // another account's caller whether the role exists.
        requestedDuration(request, chained);
        List<SessionTag> inheritedTransitive = inheritedTransitiveTags(callerSession);
        rejectTransitiveConflicts(request.tags(), inheritedTransitive);
        Optional<String> sourceIdentity = sourceIdentity(request, callerSession).orElseThrow(() -> access.refuse(
                caller, "sts:AssumeRole", resource, "", "the source identity set earlier in the role chain cannot change"));
        // MFA passed now, else the caller's own MFA sign-in (a GetSessionToken session with MFA) carries over.
        Optional<Instant> mfaAt = request.mfa().map(m -> mfa.verify(caller, m.serialNumber(), m.tokenCode(),
                call.environment().time(), MfaCheck.BAD_CODE))
                .or(() -> callerSession.flatMap(SessionClaims::mfaAuthenticatedAt));

        IamSnapshot snapshot = store.snapshot();
        Role role = findRole(snapshot, request.roleArn(), access.partition()).orElseThrow(() -> crossAccount
                ? undisclosed(caller, resource)
                : access.refuse(caller, "sts:AssumeRole", resource, "", "the role " + resource + " does not exist"));
        AssumeRoleTemplate.RoleSession session = new AssumeRoleTemplate.RoleSession(role, request.sessionName(),
                SessionOrigin.ASSUME_ROLE, request.tags(), inheritedTransitive, sourceIdentity,
                request.policies());
        ContextKeys keys = trustContext(session, request, mfaAt, call.environment().time());
        LabeledPolicy trust = new LabeledPolicy(new PolicyRef(PolicySource.TRUST,
                role.arn(access.partition()).toString()), role.trustPolicy().document());
        int chainDepth = callerSession.filter(s -> s.kind() == SessionKind.ASSUMED_ROLE)
                .map(s -> s.chainDepth() + 1).orElse(0);
        return Optional.of(template.assume(call, "sts:AssumeRole", session, new AssumeRoleTemplate.Variant(
                action -> authorize(snapshot, call, caller, action, resource, role, keys, trust, crossAccount),
                now -> now.plus(duration(request, role, chained)),
                builder -> builder.mfaAuthenticatedAt(mfaAt).chainDepth(chainDepth),
                result -> {})));
    }

    /**
     * A refused AssumeRole of another account's role: one answer whether the role is missing, its account closed, its
     * trust policy silent or the caller's own policies short, with an encoded message that holds nothing of the role's
     * account (no statements, no tags, no reason that differs).
     */
    private AwsException undisclosed(Caller caller, String resource) {
        return access.refuse(caller, "sts:AssumeRole", resource, "", "the role does not exist in its account, or"
                + " its trust policy or your policies do not allow this request");
    }

    private void authorize(IamSnapshot snapshot, OperationCall call, Caller caller, String action, String resource,
            Role role, ContextKeys keys, LabeledPolicy trust, boolean crossAccount) {
        AccessRequest request = new AccessRequest(action, resource, Optional.of(role.account()), keys,
                Optional.of(trust), true);
        if (!crossAccount) {
            access.require(snapshot, caller, call.environment(), request);
        } else if (access.decide(snapshot, caller, call.environment(), request).outcome() != Outcome.ALLOWED) {
            throw undisclosed(caller, resource);
        }
    }

    private static Request parse(QueryParameters params) {
        String roleArnText = params.required("RoleArn");
        String sessionName = Validators.name("roleSessionName", params.required("RoleSessionName"), 2, 64,
                Validators.SESSION_NAME_PATTERN);
        Validators.length("roleArn", roleArnText, 20, 2048);
        Arn roleArn = Arn.parse(roleArnText).filter(AssumeRole::looksLikeRole)
                .orElseThrow(() -> AwsErrors.validation(roleArnText + " is invalid"));
        Optional<Integer> duration = Validators.range("durationSeconds", params.integer("DurationSeconds"), 900,
                43200);
        Optional<String> externalId = params.get("ExternalId").map(id -> {
            Validators.length("externalId", id, 2, 1224);
            if (!Validators.allMatch(id, "+=,.@:/-")) {
                throw ValidationErrors.single("externalId", id,
                        ValidationErrors.pattern("[\\w+=,.@:\\/-]*"));
            }
            return id;
        });
        Optional<String> sourceIdentity = params.get("SourceIdentity").map(s -> {
            Validators.name("sourceIdentity", s, 2, 64, Validators.SESSION_NAME_PATTERN);
            if (s.regionMatches(true, 0, "aws:", 0, 4)) {
                throw AwsErrors.validation("SourceIdentity cannot begin with the reserved prefix 'aws:'.");
            }
            return s;
        });
        Optional<StsRequests.MfaRequest> mfa = StsRequests.mfa(params);
        return new Request(roleArn, sessionName, duration, externalId,
                StsRequests.sessionPolicies(params, Integer.MAX_VALUE),
                SessionTagsRequest.from(params, true), sourceIdentity, mfa);
    }

    private static boolean looksLikeRole(Arn arn) {
        return !arn.partition().isEmpty() && !arn.service().isEmpty() && !arn.resource().isEmpty()
                && !arn.resource().endsWith(":");
    }

    /** The role an ARN of the served partition names; an ARN of another partition names none. */
    static Optional<Role> findRole(IamSnapshot snapshot, Arn arn, Partition partition) {
        if (!arn.service().equals("iam") || !arn.resourceType().equals("role")) {
            return Optional.empty();
        }
        return arn.accountId().filter(account -> snapshot.account(account).map(a -> a.active()).orElse(false))
                .flatMap(account -> snapshot.role(account, arn.resourceName()))
                .filter(role -> role.arn(partition).equals(arn));
    }

    /** The duration asked for, within what any caller of this kind may ask; the role's own limit comes later. */
    private static Duration requestedDuration(Request request, boolean chained) {
        Duration requested = request.durationSeconds().map(s -> Duration.ofSeconds(s)).orElse(DEFAULT_DURATION);
        if (chained && requested.compareTo(CHAINED_MAX) > 0) {
            throw AwsErrors.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles"
                    + " assumed by role chaining.");
        }
        return requested;
    }

    /** Checked once the caller may assume the role, so only a trusted caller learns the role's limit. */
    private static Duration duration(Request request, Role role, boolean chained) {
        Duration requested = requestedDuration(request, chained);
        if (requested.compareTo(role.maxSessionDuration()) > 0) {
            throw AwsErrors.validation(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return requested;
    }

    private static List<SessionTag> inheritedTransitiveTags(Optional<SessionClaims> session) {
        if (session.isEmpty()) {
            return List.of();
        }
        SessionClaims claims = session.get();
        List<String> lowerKeys = claims.transitiveTagKeys().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        return claims.tags().stream().filter(t -> lowerKeys.contains(t.key().toLowerCase(Locale.ROOT))).toList();
    }

    private static void rejectTransitiveConflicts(SessionTagsRequest request, List<SessionTag> inherited) {
        for (SessionTag tag : request.tags()) {
            for (SessionTag parent : inherited) {
                if (parent.key().equalsIgnoreCase(tag.key())) {
                    throw AwsErrors.invalidParameterValue("One of the specified transitive tag keys can't be set"
                            + " because it conflicts with a transitive tag key from the calling session.");
                }
            }
        }
    }

    /** Source identity is sticky across a role chain: once set it may only be repeated (empty result: refused). */
    private static Optional<Optional<String>> sourceIdentity(Request request, Optional<SessionClaims> session) {
        Optional<String> inherited = session.flatMap(SessionClaims::sourceIdentity);
        if (inherited.isPresent() && request.sourceIdentity().isPresent()
                && !inherited.get().equals(request.sourceIdentity().get())) {
            return Optional.empty();
        }
        return Optional.of(inherited.or(request::sourceIdentity));
    }

    private static ContextKeys trustContext(AssumeRoleTemplate.RoleSession session, Request request,
            Optional<Instant> mfaAt, Instant now) {
        ContextKeys.Builder keys = AssumeRoleTemplate.trustKeys(session);
        // Absent for long-term keys without MFA, as in AWS (policies rely on BoolIfExists for that case).
        mfaAt.ifPresent(at -> {
            keys.put("aws:MultiFactorAuthPresent", "true");
            keys.put("aws:MultiFactorAuthAge", Long.toString(Math.max(0, Duration.between(at, now).toSeconds())));
        });
        request.externalId().ifPresent(id -> keys.put("sts:ExternalId", id));
        return keys.build();
    }
}
