package dev.lanyard.iamapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.ServiceAuthorization.ActionAuthorization;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.ReportStore;
import dev.lanyard.iam.spi.federation.SamlAssertionVerifier;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.Outcome;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * What every IAM operation needs: the store, access control, built-in policies, a random source for ids, usage and where
 * generated reports are kept.
 */
public record IamContext(IamStore store, AccessControl access, AwsManagedPolicies awsManaged, SecureRandom random,
        boolean allowHttpLoopbackIssuers, SamlAssertionVerifier saml,
        UsageTracker usage, ReportStore reports) {

    public IamContext {
        requireNonNull(store, "store is null");
        requireNonNull(access, "access is null");
        requireNonNull(awsManaged, "awsManaged is null");
        requireNonNull(random, "random is null");
        requireNonNull(usage, "usage is null");
        requireNonNull(reports, "reports is null");
        if (!access.partition().equals(awsManaged.partition())) {
            throw new IllegalArgumentException("access control serves " + access.partition()
                    + " but the AWS managed policies are named in " + awsManaged.partition());
        }
    }

    /** The partition every ARN an IAM operation writes or reads names. */
    public Partition partition() {
        return awsManaged.partition();
    }

    /** The current IAM state as the caller's account sees it: where every name and ARN of a request resolves. */
    public AccountView view(OperationCall call) {
        return view(store.snapshot(), call);
    }

    /** The given state (inside a store update) as the caller's account sees it. */
    public AccountView view(IamSnapshot snapshot, OperationCall call) {
        return AccountView.of(snapshot, awsManaged, call.requireCaller().account());
    }

    /**
     * Authorizes {@code iam:Action} on a resource. The resource's account is the one its ARN names: IAM has no
     * resource-based policies, so an ARN of another account is always refused (AccessDenied, "because no resource-based
     * policy allows"), before anything of that account is looked up. The request context carries the condition keys
     * the action's row of the Service Authorization Reference lists, taken from the signed parameters and from the
     * entity {@code resource} names in the caller's account, so no operation supplies (or forgets) them itself.
     */
    public void authorize(OperationCall call, String resource) {
        authorize(call, "iam:" + call.action(), resource);
    }

    /**
     * Authorizes any IAM action an operation needs besides its own (AddRoleToInstanceProfile needs iam:PassRole on the
     * role), with the keys of that action's row as this operation sets them (iam:PassedToService: where it passes
     * the role).
     */
    public void authorize(OperationCall call, String action, String resource) {
        IamSnapshot snapshot = store.snapshot();
        access.require(snapshot, call.requireCaller(), call.environment(), request(snapshot, call, action, resource));
    }

    /**
     * For what an account's password policy lets every IAM user do on himself (AllowUsersToChangePassword: change
     * his password and read the policy, the grants of AWS's IAMUserChangePassword policy): allowed when the caller's
     * policies allow it, or when {@code grantedToSelf} and nothing denies it explicitly.
     */
    public void authorizeSelfService(OperationCall call, String resource, boolean grantedToSelf) {
        IamSnapshot snapshot = store.snapshot();
        AccessRequest request = request(snapshot, call, "iam:" + call.action(), resource);
        Outcome outcome = access.decide(snapshot, call.requireCaller(), call.environment(), request)
                .outcome();
        boolean granted = outcome == Outcome.ALLOWED
                || grantedToSelf && outcome == Outcome.IMPLICIT_DENY;
        if (!granted) {
            access.require(snapshot, call.requireCaller(), call.environment(), request);
        }
    }

    private AccessRequest request(IamSnapshot snapshot, OperationCall call, String action, String resource) {
        Caller caller = call.requireCaller();
        AccountId resourceAccount = Arn.parse(resource).flatMap(Arn::accountId).orElse(caller.account());
        ActionAuthorization row = access.serviceAuthorization().require(action);
        AccountView view = view(snapshot, call);
        ContextKeys keys = IamRequestKeys.of(call.action(), row, call.parameters(), view,
                IamRequestKeys.target(view, resource, row));
        return new AccessRequest(action, resource, Optional.of(resourceAccount), keys, Optional.empty(), false);
    }
}
