package dev.lanyard.iamapi;

import dev.lanyard.authz.MfaThrottle;
import dev.lanyard.pipeline.ModelledOperations;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.totp.CodeThrottle;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The IAM actions Lanyard serves, by wire name. */
public final class IamOperations {
    public static final String VERSION = "2010-05-08";
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private IamOperations() {}

    public static Map<String, Operation> create(IamContext ctx) {
        return create(ctx, account -> "https://lanyard.invalid/outbound/" + account,
                () -> {
                    throw new IllegalStateException("no signing key generator configured");
                }, new MfaThrottle(CodeThrottle.DEFAULT));
    }

    /**
     * With outbound federation (the issuer URL of an account, and a generator of signing keys) and the MFA throttle
     * STS shares, so that a caller's failed codes count the same wherever they were tried.
     */
    public static Map<String, Operation> create(IamContext ctx, Function<String, String> issuer,
            Supplier<String> newSigningKeys, MfaThrottle mfaThrottle) {
        Map<String, Operation> ops = new HashMap<>();
        new UserOperations(ctx).register(ops);
        new AccessKeyOperations(ctx).register(ops);
        new RoleOperations(ctx).register(ops);
        new PolicyOperations(ctx).register(ops);
        new HolderPolicyOperations(ctx, PolicyHolder.USER).register(ops);
        new HolderPolicyOperations(ctx, PolicyHolder.ROLE).register(ops);
        new HolderPolicyOperations(ctx, PolicyHolder.GROUP).register(ops);
        new GroupOperations(ctx).register(ops);
        new MfaOperations(ctx, mfaThrottle).register(ops);
        new PolicyVersionOperations(ctx).register(ops);
        new AccountOperations(ctx).register(ops);
        new AuthorizationDetailsOperation(ctx).register(ops);
        new OidcProviderOperations(ctx).register(ops);
        new PolicySimulatorOperations(ctx).register(ops);
        new SamlProviderOperations(ctx).register(ops);
        new OutboundFederationOperations(ctx, issuer, newSigningKeys).register(ops);
        new InstanceProfileOperations(ctx).register(ops);
        new LoginProfileOperations(ctx).register(ops);
        new PasswordPolicyOperations(ctx).register(ops);
        new ServiceLinkedRoleOperations(ctx).register(ops);
        new SshPublicKeyOperations(ctx).register(ops);
        new SigningCertificateOperations(ctx).register(ops);
        new ServerCertificateOperations(ctx).register(ops);
        new ServiceSpecificCredentialOperations(ctx).register(ops);
        new DelegationRequestOperations(ctx).register(ops);
        new OrganizationsRootOperations(ctx).register(ops);
        new CredentialReportOperations(ctx).register(ops);
        new AccessAdvisorOperations(ctx).register(ops);
        IamRequestKeys.requireSources(ctx.access().serviceAuthorization(), ops.keySet());
        return ModelledOperations.wrap(IamModel.MODEL, IamModel.STYLE, ops);
    }
}
