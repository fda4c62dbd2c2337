package dev.lanyard.iamapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.authz.ServiceAuthorization.ActionAuthorization;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.policy.ContextKeys;
import java.security.SecureRandom;
import java.util.Optional;

/** What every IAM operation needs: the store, access control, built-in policies and a random source for ids. */
public record IamContext(IamStore store, AccessControl access, AwsManagedPolicies awsManaged, SecureRandom random,
        boolean allowHttpLoopbackIssuers, dev.lanyard.iam.spi.federation.SamlAssertionVerifier saml) {

    public IamContext {
        requireNonNull(store, "store is null");
        requireNonNull(access, "access is null");
        requireNonNull(awsManaged, "awsManaged is null");
        requireNonNull(random, "random is null");
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
        Caller caller = call.requireCaller();
        AccountId resourceAccount = Arn.parse(resource).flatMap(Arn::accountId).orElse(caller.account());
        IamSnapshot snapshot = store.snapshot();
        String action = "iam:" + call.action();
        ActionAuthorization row = access.serviceAuthorization().require(action);
        ContextKeys keys = IamRequestKeys.of(row, call.parameters(),
                IamRequestKeys.target(view(snapshot, call), resource, row));
        access.require(snapshot, caller, call.environment(), new AccessRequest(action, resource,
                Optional.of(resourceAccount), keys, Optional.empty(), false));
    }
}
