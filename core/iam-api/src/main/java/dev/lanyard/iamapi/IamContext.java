package dev.lanyard.iamapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.authz.ServiceAuthorization.ActionAuthorization;
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

    /**
     * Authorizes {@code iam:Action} on a resource of the caller's own account. The request context carries the
     * condition keys the action's row of the Service Authorization Reference lists, taken from the signed parameters
     * and from the entity {@code resource} names, so no operation supplies (or forgets) them itself.
     */
    public void authorize(OperationCall call, String resource) {
        Caller caller = call.requireCaller();
        IamSnapshot snapshot = store.snapshot();
        String action = "iam:" + call.action();
        ActionAuthorization row = access.serviceAuthorization().require(action);
        ContextKeys keys = IamRequestKeys.of(row, call.parameters(),
                IamRequestKeys.target(snapshot, caller.account(), resource, row));
        access.require(snapshot, caller, call.environment(), new AccessRequest(action, resource,
                Optional.of(caller.account()), keys, Optional.empty(), false));
    }
}
