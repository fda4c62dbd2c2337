package dev.lanyard.policy;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.PrincipalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Seeded random {@link AuthorizationRequest}s built from {@link PolicyGenerator} documents. */
final class RequestGenerator {
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}}";

    private final PolicyGenerator generator;
    private int counter;

    RequestGenerator(long seed) {
        this.generator = new PolicyGenerator(seed);
    }

    PolicyGenerator policies() {
        return generator;
    }

    LabeledPolicy identityPolicy(PolicySource source) {
        String json = generator.random().nextInt(4) == 0 ? ALLOW_ALL : generator.document(Optional.empty());
        return Policies.labeled(source, "p" + counter++, Policies.parse(json));
    }

    LabeledPolicy resourcePolicy() {
        return Policies.labeled(PolicySource.RESOURCE, "r" + counter++,
                Policies.parse(generator.document(Optional.of("principal")), PolicyKind.RESOURCE));
    }

    AuthorizationRequest request() {
        PrincipalIdentity caller = callerInAccount();
        RequestContext base = generator.context();
        RequestContext context = new RequestContext(base.action(), base.resource(), Optional.of(caller), base.keys());
        List<LabeledPolicy> identity = new ArrayList<>();
        for (int i = generator.random().nextInt(3); i > 0; i--) {
            identity.add(identityPolicy(PolicySource.USER_INLINE));
        }
        Optional<LabeledPolicy> boundary = generator.random().nextInt(3) == 0
                ? Optional.of(identityPolicy(PolicySource.PERMISSIONS_BOUNDARY)) : Optional.empty();
        Optional<LabeledPolicy> resource = generator.random().nextBoolean()
                ? Optional.of(resourcePolicy()) : Optional.empty();
        Optional<AccountId> resourceAccount = generator.random().nextInt(4) == 0
                ? Optional.of(AccountId.of("444455556666")) : Optional.empty();
        return AuthorizationRequest.builder().context(context).principalAccount(caller.account())
                .resourceAccount(resourceAccount).principalIsRoot(caller.type() == PrincipalType.ACCOUNT)
                .identityPolicies(identity).permissionsBoundary(boundary).sessionPolicies(sessionPolicies(caller))
                .resourcePolicy(resource).resourcePolicyRequired(generator.random().nextInt(4) == 0).build();
    }

    private PrincipalIdentity callerInAccount() {
        while (true) {
            Optional<PrincipalIdentity> caller = generator.caller();
            if (caller.isPresent() && caller.get().isAccountMember()) {
                return caller.get();
            }
        }
    }

    private SessionPolicies sessionPolicies(PrincipalIdentity caller) {
        boolean session = caller.type() == PrincipalType.ASSUMED_ROLE || caller.type() == PrincipalType.FEDERATED_USER;
        int choice = generator.random().nextInt(3);
        if (!session || choice == 0) {
            return new SessionPolicies.None();
        }
        if (choice == 1 && caller.type() == PrincipalType.FEDERATED_USER) {
            return new SessionPolicies.FederatedWithoutPolicy();
        }
        return new SessionPolicies.Passed(List.of(identityPolicy(PolicySource.SESSION_INLINE)));
    }
}
