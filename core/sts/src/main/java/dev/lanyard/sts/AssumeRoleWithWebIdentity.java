package dev.lanyard.sts;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.OidcProvider;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import dev.lanyard.iam.spi.federation.WebIdentityVerifier;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionOrigin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sts:AssumeRoleWithWebIdentity (unsigned): the token's issuer selects an IAM OIDC provider of the role's account,
 * the verifier checks the token, and the role's trust policy must allow the provider as a Federated principal.
 */
public final class AssumeRoleWithWebIdentity extends FederatedAssumeRole<WebIdentityVerifier> {
    public AssumeRoleWithWebIdentity(IamStore store, AccessControl access, CredentialIssuer issuer,
            WebIdentityVerifier verifier) {
        super("sts:AssumeRoleWithWebIdentity", store, access, issuer, verifier);
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        QueryParameters params = call.parameters();
        String roleArnText = roleArnParameter(call);
        String sessionName = Validators.name("roleSessionName", params.required("RoleSessionName"), 2, 64,
                Validators.SESSION_NAME_PATTERN);
        String token = Validators.length("webIdentityToken", params.required("WebIdentityToken"), 4, 20000);
        if (params.get("ProviderId").isPresent()) {
            throw StsErrors.oauthAccessTokenNotSupported();
        }
        Optional<Integer> seconds = Validators.range("durationSeconds", params.integer("DurationSeconds"), 900, 43200);
        StsRequests.SessionPolicies sessionPolicies = StsRequests.sessionPolicies(params, 2048);

        IamSnapshot snapshot = snapshot();
        Role role = requestedRole(snapshot, roleArnText);
        OidcProvider provider = provider(snapshot, role.account(), token);
        VerifiedWebIdentity identity = verifier().verify(token, new OidcProviderTrust(provider.arn(), provider.url(),
                provider.clientIds(), provider.thumbprints()));
        SessionTagsRequest tags = SessionTagsRequest.fromClaims(identity.sessionTags(), identity.transitiveTagKeys());
        Map<String, List<String>> claims = claimKeys(provider, identity);
        AssumeRoleTemplate.RoleSession session = new AssumeRoleTemplate.RoleSession(role, sessionName,
                SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY, tags, List.of(), identity.sourceIdentity(),
                sessionPolicies);
        Federation federation = new Federation(provider.arn(), trustContext(session, claims), claims);
        return Optional.of(assume(call, session, federation, now -> now.plus(duration(seconds, role)),
                result -> result.put("SubjectFromWebIdentityToken", identity.subject())
                        .put("Provider", provider.arn()).put("Audience", identity.audience())));
    }

    private static Duration duration(Optional<Integer> seconds, Role role) {
        Duration duration = seconds.map(s -> Duration.ofSeconds(s)).orElse(Duration.ofHours(1));
        if (duration.compareTo(role.maxSessionDuration()) > 0) {
            throw AwsErrors.validation(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return duration;
    }

    private OidcProvider provider(IamSnapshot snapshot, AccountId account, String token) {
        String iss = verifier().unverifiedIssuer(token).orElseThrow(StsErrors::notAJwt);
        return snapshot.oidcProviders(account).stream().filter(p -> p.url().equals(iss)).findFirst()
                .orElseThrow(() -> StsErrors.noOidcProvider(iss));
    }

    /** The provider keys that stay with the session: {@code <host/path>:aud}, {@code :sub}, {@code :amr}. */
    private static Map<String, List<String>> claimKeys(OidcProvider provider, VerifiedWebIdentity identity) {
        Map<String, List<String>> claims = new LinkedHashMap<>();
        String prefix = provider.hostAndPath() + ":";
        claims.put(prefix + "aud", List.of(identity.audience()));
        claims.put(prefix + "sub", List.of(identity.subject()));
        if (!identity.amr().isEmpty()) {
            claims.put(prefix + "amr", identity.amr());
        }
        identity.authorizedParty().ifPresent(azp -> claims.put(prefix + "azp", List.of(azp)));
        claims.put("aws:FederatedProvider", List.of(provider.arn()));
        return claims;
    }

    private static ContextKeys trustContext(AssumeRoleTemplate.RoleSession session,
            Map<String, List<String>> claims) {
        ContextKeys.Builder keys = AssumeRoleTemplate.trustKeys(session);
        claims.forEach((key, values) -> {
            if (values.size() == 1 && !key.endsWith(":amr")) {
                keys.put(key, values.getFirst());
            } else {
                keys.putMulti(key, values);
            }
        });
        return keys.build();
    }
}
