package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.OrganizationsFeatures;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * sts:AssumeRoot — a member account's root session for one privileged task, asked for by an IAM identity of the
 * organization's management account once it enabled root sessions (IAM's EnableOrganizationsRootSessions). The
 * session is the member's root user limited by the task policy, an AWS managed {@code root-task/} policy, for at most
 * 15 minutes. Regional endpoints only, as on AWS.
 */
public final class AssumeRoot implements Operation {
    static final Duration MAX_DURATION = Duration.ofSeconds(900);
    /** The task policies AWS documents for AssumeRoot, all under {@code root-task/}. */
    static final Set<String> TASK_POLICIES = Set.of("IAMAuditRootUserCredentials", "IAMCreateRootUserPassword",
            "IAMDeleteRootUserCredentials", "S3UnlockBucketPolicy", "SQSUnlockQueuePolicy");

    private final IamStore store;
    private final AccessControl access;
    private final CredentialIssuer issuer;

    public AssumeRoot(IamStore store, AccessControl access, CredentialIssuer issuer) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        if (call.environment().globalEndpoint()) {
            // AWS serves AssumeRoot on regional endpoints only; its global endpoint does not know the action.
            throw StsErrors.unknownOperation(
                    "AssumeRoot is not available on the global endpoint (credential scope aws-global)");
        }
        Partition partition = access.partition();
        AccountId target = targetAccount(call.parameters().required("TargetPrincipal"), partition);
        String taskPolicyArn = taskPolicy(call.parameters().struct("TaskPolicyArn").getOrDefault("arn", ""),
                partition);
        Duration duration = call.parameters().integer("DurationSeconds").map(s -> Duration.ofSeconds(s))
                .orElse(MAX_DURATION);
        Caller caller = call.requireCaller();
        String resource = partition.root(target).toString();
        if (caller instanceof Caller.Root) {
            throw access.refuse(caller, "sts:AssumeRoot", resource, "",
                    "root user credentials cannot call AssumeRoot");
        }
        IamSnapshot snapshot = store.snapshot();
        // Only the caller's own identity policies decide: a root user has no resource policy to consult.
        access.require(snapshot, caller, call.environment(), new AccessRequest("sts:AssumeRoot", resource,
                Optional.of(caller.account()), ContextKeys.builder().put("sts:TaskPolicyArn", taskPolicyArn).build(),
                Optional.empty(), false));
        requireRootSessions(snapshot, caller, resource, target);
        return Optional.of(issue(call, target, taskPolicyArn, duration));
    }

    /** The management account, with root sessions enabled, asking for an active member account. */
    private void requireRootSessions(IamSnapshot snapshot, Caller caller, String resource, AccountId target) {
        Organization organization = snapshot.organization().filter(o -> o.managementAccount()
                .equals(caller.account())).orElseThrow(() -> access.refuse(caller, "sts:AssumeRoot", resource, "",
                        "only the organization's management account may call AssumeRoot"));
        boolean enabled = snapshot.get(new OrganizationsFeatures(organization.id(), organization.managementAccount(),
                Set.of()).key()).map(OrganizationsFeatures.class::cast)
                .map(f -> f.enabled().contains(OrganizationsFeatures.Feature.RootSessions)).orElse(false);
        if (!enabled) {
            throw access.refuse(caller, "sts:AssumeRoot", resource, "", "root sessions are not enabled for the"
                    + " organization (IAM EnableOrganizationsRootSessions)");
        }
        boolean member = !target.equals(organization.managementAccount())
                && snapshot.account(target).map(Account::active).orElse(false);
        if (!member) {
            throw access.refuse(caller, "sts:AssumeRoot", resource, "", "the target is not an active member"
                    + " account of the organization");
        }
    }

    private Struct issue(OperationCall call, AccountId target, String taskPolicyArn, Duration duration) {
        Instant now = call.environment().time();
        CredentialIssuer.Issued issued = issuer.issue(target, secret -> SessionClaims.builder()
                .kind(SessionKind.ROOT_SESSION).origin(SessionOrigin.ASSUME_ROOT).account(target)
                .secretAccessKey(secret).principalArn(access.partition().root(target).toString())
                .principalId(target.value())
                .issuedAt(now).expiresAt(now.plus(duration)).sessionPolicyArns(List.of(taskPolicyArn)).build());
        return Struct.builder().put("Credentials", issued.credentials().toStruct()).build();
    }

    /** A member account's ID, or its root user's ARN in the served partition. */
    static AccountId targetAccount(String principal, Partition partition) {
        if (AccountId.isValid(principal)) {
            return AccountId.of(principal);
        }
        Optional<AccountId> root = Arn.parse(principal).filter(a -> a.partition().equals(partition.name())
                && a.service().equals("iam") && a.region().isEmpty() && a.resource().equals("root"))
                .flatMap(Arn::accountId);
        if (root.isPresent()) {
            return root.get();
        }
        throw AwsErrors.validation("TargetPrincipal must be a member account ID or the ARN of its root user"
                + " (" + partition.arn("iam", "", "<account>", "root") + "), not '" + principal + "'.");
    }

    /** One of the root-task policies, named in the served partition. */
    static String taskPolicy(String arn, Partition partition) {
        String prefix = partition.awsManagedPolicy("/root-task/");
        boolean known = arn.startsWith(prefix) && TASK_POLICIES.contains(arn.substring(prefix.length()));
        if (!known) {
            throw AwsErrors.validation("TaskPolicyArn must be one of the AWS managed root-task policies ("
                    + prefix + "...: " + String.join(", ", TASK_POLICIES.stream().sorted().toList())
                    + "), not '" + arn + "'.");
        }
        return arn;
    }
}
