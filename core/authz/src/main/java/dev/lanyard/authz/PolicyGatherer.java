package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.PolicyVersion;
import dev.lanyard.policy.SessionPolicies;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Collects the policies that apply to a caller from the read model (iam-policy.md §4.1). */
public final class PolicyGatherer {
    private static final int SESSION_POLICY_CACHE_SIZE = 10_000;
    private static final PolicyDocument ALLOWS_NOTHING = new PolicyDocument(
            PolicyVersion.V2012_10_17, Optional.empty(), List.of(),
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    private static final PolicyDocument DENIES_EVERYTHING = ((ParseResult.Valid)
            PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}", PolicyKind.SESSION)).document();
    /**
     * What a delegated session (GetDelegatedAccessToken) never does, whatever its permission policy allows: mint
     * credentials that would outlive its window (every STS action; GetCallerIdentity is never denied), or act on the
     * root user's own credentials (IAM on {@code :root}: access keys, password, MFA, signing certificates).
     */
    private static final PolicyDocument DELEGATED_LIMITS = ((ParseResult.Valid)
            PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sts:*\","
                    + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"arn:*:iam::*:root\"}]}",
                    PolicyKind.SESSION)).document();
    private final AwsManagedPolicies awsManaged;
    // Inline session policies travel in every request's token; parse each distinct text once, not per request.
    private final ConcurrentHashMap<String, Optional<PolicyDocument>>
            sessionPolicyCache = new ConcurrentHashMap<>();

    public PolicyGatherer(AwsManagedPolicies awsManaged) {
        this.awsManaged = requireNonNull(awsManaged, "awsManaged is null");
    }

    /** The partition the catalogue, and so every policy ARN gathered, is named in: the served one. */
    public Partition partition() {
        return awsManaged.partition();
    }

    /** A caller's identity policies, boundary and session policies: what every request is authorized with. */
    public GatheredPolicies gather(IamSnapshot snapshot, Caller caller) {
        return new GatheredPolicies(identityPolicies(snapshot, caller), permissionsBoundary(snapshot, caller),
                sessionPolicies(snapshot, caller));
    }

    /** A simulated subject's policies, gathered from the read model as a caller's are (iam-policy.md §7). */
    public GatheredPolicies gather(IamSnapshot snapshot, SimulationSubject subject) {
        return switch (subject) {
            case SimulationSubject.StoredUser(User user) -> new GatheredPolicies(userPolicies(snapshot, user),
                    boundary(snapshot, user.account(), user.permissionsBoundaryArn()), new SessionPolicies.None());
            case SimulationSubject.StoredGroup(Group group) -> new GatheredPolicies(groupPolicies(snapshot, group),
                    Optional.empty(), new SessionPolicies.None());
            case SimulationSubject.StoredRole(Role role) -> new GatheredPolicies(rolePolicies(snapshot, role),
                    boundary(snapshot, role.account(), role.permissionsBoundaryArn()), new SessionPolicies.None());
            case SimulationSubject.Custom custom -> new GatheredPolicies(custom.identity(), custom.boundary(),
                    custom.session());
        };
    }

    public List<LabeledPolicy> identityPolicies(IamSnapshot snapshot, Caller caller) {
        return switch (caller) {
            case Caller.Root root -> List.of();
            case Caller.IamUser user -> userPolicies(snapshot, user.user());
            case Caller.RoleSession session -> rolePolicies(snapshot, session.role());
            case Caller.FederatedUser federated ->
                    federated.parentUser().map(u -> userPolicies(snapshot, u)).orElse(List.of());
        };
    }

    public Optional<LabeledPolicy> permissionsBoundary(IamSnapshot snapshot, Caller caller) {
        Optional<String> arn = switch (caller) {
            case Caller.Root root -> Optional.empty();
            case Caller.IamUser user -> user.user().permissionsBoundaryArn();
            case Caller.RoleSession session -> session.role().permissionsBoundaryArn();
            case Caller.FederatedUser federated -> federated.parentUser().flatMap(User::permissionsBoundaryArn);
        };
        return boundary(snapshot, caller.account(), arn);
    }

    /**
     * A stored user's or role's permissions boundary. One that no longer resolves in the account (data
     * written before boundaries were checked against the account) fails closed: it allows nothing, rather than
     * lifting the limit.
     */
    private Optional<LabeledPolicy> boundary(IamSnapshot snapshot, AccountId account, Optional<String> arn) {
        return arn.map(a -> new LabeledPolicy(new PolicyRef(PolicySource.PERMISSIONS_BOUNDARY, a),
                managed(snapshot, account, a).map(p -> p.defaultVersion().policy().document())
                        .orElse(ALLOWS_NOTHING)));
    }

    public SessionPolicies sessionPolicies(IamSnapshot snapshot, Caller caller) {
        return switch (caller) {
            case Caller.Root root -> root.session().<SessionPolicies>map(s -> switch (s.origin()) {
                case ASSUME_ROOT -> rootTask(snapshot, s);
                // The delegation request's permission policy caps the partner's session like a passed session policy.
                case GET_DELEGATED_ACCESS_TOKEN -> delegated(snapshot, s);
                case ASSUME_ROLE, ASSUME_ROLE_WITH_WEB_IDENTITY, ASSUME_ROLE_WITH_SAML, GET_FEDERATION_TOKEN,
                        GET_SESSION_TOKEN -> new SessionPolicies.None();
            }).orElse(new SessionPolicies.None());
            case Caller.IamUser user -> new SessionPolicies.None();
            case Caller.RoleSession session -> passedOrNone(snapshot, session.claims(), new SessionPolicies.None());
            case Caller.FederatedUser federated ->
                    passedOrNone(snapshot, federated.claims(), new SessionPolicies.FederatedWithoutPolicy());
        };
    }

    private SessionPolicies passedOrNone(IamSnapshot snapshot, SessionClaims claims, SessionPolicies whenNone) {
        List<LabeledPolicy> passed = new ArrayList<>();
        claims.inlineSessionPolicy().flatMap(this::parsedSessionPolicy).ifPresent(document -> passed.add(
                new LabeledPolicy(new PolicyRef(PolicySource.SESSION_INLINE, "session-policy"), document)));
        for (String arn : claims.sessionPolicyArns()) {
            // A session policy deleted since issue, or never of the session's account, still limits the session: it
            // simply allows nothing.
            managed(snapshot, claims.account(), arn).ifPresent(p -> passed.add(new LabeledPolicy(
                    new PolicyRef(PolicySource.SESSION_MANAGED, arn), p.defaultVersion().policy().document())));
        }
        boolean anyPassed = claims.inlineSessionPolicy().isPresent() || !claims.sessionPolicyArns().isEmpty();
        return anyPassed ? new SessionPolicies.Passed(passed) : whenNone;
    }

    /** The permission policy of a delegation request, and the limits of every delegated session. */
    private SessionPolicies delegated(IamSnapshot snapshot, SessionClaims claims) {
        List<LabeledPolicy> policies = new ArrayList<>(((SessionPolicies.Passed) passedOrNone(snapshot, claims,
                new SessionPolicies.Passed(List.of()))).policies());
        policies.add(new LabeledPolicy(new PolicyRef(PolicySource.SESSION_MANAGED, "delegated-session-limits"),
                DELEGATED_LIMITS));
        return new SessionPolicies.Passed(policies);
    }

    /** The task policy named at AssumeRoot; one that no longer resolves denies everything, failing closed. */
    private SessionPolicies rootTask(IamSnapshot snapshot, SessionClaims claims) {
        String arn = claims.sessionPolicyArns().isEmpty() ? "" : claims.sessionPolicyArns().getFirst();
        PolicyDocument document = managed(snapshot, claims.account(), arn)
                .map(p -> p.defaultVersion().policy().document()).orElse(DENIES_EVERYTHING);
        return new SessionPolicies.RootTask(new LabeledPolicy(new PolicyRef(PolicySource.SESSION_MANAGED, arn),
                document));
    }

    private Optional<PolicyDocument> parsedSessionPolicy(String text) {
        Optional<PolicyDocument> cached = sessionPolicyCache.get(text);
        if (cached != null) {
            return cached;
        }
        if (sessionPolicyCache.size() >= SESSION_POLICY_CACHE_SIZE) {
            sessionPolicyCache.clear();
        }
        // Validated when the session was issued, so an invalid text here can only mean a newer, stricter parser.
        Optional<PolicyDocument> parsed = PolicyParser.parse(text, PolicyKind.SESSION)
                instanceof ParseResult.Valid v ? Optional.of(v.document()) : Optional.empty();
        sessionPolicyCache.put(text, parsed);
        return parsed;
    }

    /** A managed policy as the given account sees it: AWS managed, or that account's own. */
    public Optional<ManagedPolicy> managed(IamSnapshot snapshot, AccountId account, String arn) {
        return AccountView.of(snapshot, awsManaged, account).policy(arn);
    }

    /** A user's inline and attached policies, then those of each of its groups. */
    private List<LabeledPolicy> userPolicies(IamSnapshot snapshot, User user) {
        List<LabeledPolicy> result = new ArrayList<>();
        for (InlinePolicy inline : user.inlinePolicies()) {
            result.add(new LabeledPolicy(new PolicyRef(PolicySource.USER_INLINE, inline.name()),
                    inline.policy().document()));
        }
        addAttached(snapshot, user.account(), user.attachedPolicyArns(), result);
        for (Group group : snapshot.groupsOf(user.userId())) {
            result.addAll(groupPolicies(snapshot, group));
        }
        return result;
    }

    /** A group's inline policies, named {@code group/policy} wherever they are gathered, then its attached ones. */
    private List<LabeledPolicy> groupPolicies(IamSnapshot snapshot, Group group) {
        List<LabeledPolicy> result = new ArrayList<>();
        for (InlinePolicy inline : group.inlinePolicies()) {
            result.add(new LabeledPolicy(new PolicyRef(PolicySource.GROUP_INLINE, group.name() + "/"
                    + inline.name()), inline.policy().document()));
        }
        addAttached(snapshot, group.account(), group.attachedPolicyArns(), result);
        return result;
    }

    private List<LabeledPolicy> rolePolicies(IamSnapshot snapshot, Role role) {
        List<LabeledPolicy> result = new ArrayList<>();
        for (InlinePolicy inline : role.inlinePolicies()) {
            result.add(new LabeledPolicy(new PolicyRef(PolicySource.ROLE_INLINE, inline.name()),
                    inline.policy().document()));
        }
        addAttached(snapshot, role.account(), role.attachedPolicyArns(), result);
        return result;
    }

    private void addAttached(IamSnapshot snapshot, AccountId account, List<String> arns, List<LabeledPolicy> result) {
        for (String arn : arns) {
            managed(snapshot, account, arn).ifPresent(p -> result.add(new LabeledPolicy(
                    new PolicyRef(p.awsManaged() ? PolicySource.AWS_MANAGED : PolicySource.CUSTOMER_MANAGED, arn),
                    p.defaultVersion().policy().document())));
        }
    }
}
