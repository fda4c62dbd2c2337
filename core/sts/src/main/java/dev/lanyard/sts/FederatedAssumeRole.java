package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.pipeline.Signing;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.Struct;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share: sent unsigned (the identity provider's token or
 * assertion is the credential), the requested role found or refused alike, and the session issued through the one
 * {@link AssumeRoleTemplate} with the provider as the Federated principal of every trust check and its claims kept on
 * the session. Each operation brings its verifier and what its provider vouches for.
 *
 * @param <V> the operation's verifier of the provider's credential
 */
abstract class FederatedAssumeRole<V> implements Operation {
    private final String action;
    private final IamStore store;
    private final AccessControl access;
    private final AssumeRoleTemplate template;
    private final V verifier;

    FederatedAssumeRole(String action, IamStore store, AccessControl access, CredentialIssuer issuer, V verifier) {
        this.action = requireNonNull(action, "action is null");
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.template = new AssumeRoleTemplate(store, issuer);
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    /** What the provider vouches for: its ARN (the Federated principal), the trust keys, the claims kept. */
    record Federation(String providerArn, ContextKeys trustKeys, Map<String, List<String>> claims) {
        Federation {
            requireNonNull(providerArn, "providerArn is null");
            requireNonNull(trustKeys, "trustKeys is null");
            requireNonNull(claims, "claims is null");
        }
    }

    /** Sent unsigned: the identity provider's token or assertion is the credential. */
    @Override
    public final Signing signing() {
        return Signing.UNSIGNED;
    }

    final V verifier() {
        return verifier;
    }

    final IamSnapshot snapshot() {
        return store.snapshot();
    }

    /** The {@code RoleArn} parameter, its length checked. */
    static String roleArnParameter(OperationCall call) {
        return Validators.length("roleArn", call.parameters().required("RoleArn"), 20, 2048);
    }

    /** The role the request names; a role that does not exist is refused as an untrusted caller is. */
    final Role requestedRole(IamSnapshot snapshot, String roleArnText) {
        Arn roleArn = Arn.parse(roleArnText).orElseThrow(() -> AwsErrors.validation(roleArnText + " is invalid"));
        return AssumeRole.findRole(snapshot, roleArn)
                .orElseThrow(() -> StsErrors.notAuthorized(action, "no role " + roleArnText));
    }

    /** Issues the session the provider vouched for; {@code expiresAt} is worked out after the trust checks. */
    final Struct assume(OperationCall call, AssumeRoleTemplate.RoleSession session, Federation federation,
            UnaryOperator<Instant> expiresAt, Consumer<Struct.Builder> answer) {
        return template.assume(call, action, session, new AssumeRoleTemplate.Variant(
                checked -> FederatedTrust.require(access, call, federation.providerArn(), session.role(),
                        federation.trustKeys(), checked),
                expiresAt,
                builder -> builder.federationClaims(federation.claims()),
                answer));
    }
}
