package dev.lanyard.authz;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditEvent.IdentityType;
import dev.lanyard.iam.spi.AuditEvent.SessionContext;
import dev.lanyard.iam.spi.AuditEvent.SessionIssuer;
import dev.lanyard.iam.spi.AuditEvent.UserIdentity;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionOrigin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A verified caller as CloudTrail's {@code userIdentity}: the type, principal ID, ARN, account and key, and for a
 * session its context (creation date, MFA, who issued it, the web identity or SAML provider, the source identity).
 */
public final class AuditIdentities {
    private static final String FEDERATED_PROVIDER = "aws:FederatedProvider";

    private AuditIdentities() {}

    public static UserIdentity of(Caller caller) {
        Optional<String> key = Optional.of(caller.accessKeyId().value());
        Optional<String> account = Optional.of(caller.account().value());
        return switch (caller) {
            case Caller.Root root -> new UserIdentity(IdentityType.ROOT, Optional.of(root.account().value()),
                    Optional.of(root.arn()), account, key, Optional.empty(), Optional.empty(),
                    root.session().map(claims -> context(Optional.empty(), claims)));
            case Caller.IamUser user -> new UserIdentity(IdentityType.IAM_USER, Optional.of(user.userId()),
                    Optional.of(user.arn()), account, key, Optional.of(user.user().name()), Optional.empty(),
                    user.session().map(claims -> context(Optional.empty(), claims)));
            case Caller.RoleSession session -> new UserIdentity(IdentityType.ASSUMED_ROLE,
                    Optional.of(session.userId()), Optional.of(session.arn()), account, key, Optional.empty(),
                    Optional.empty(), Optional.of(context(Optional.of(new SessionIssuer(IdentityType.ROLE,
                            session.role().roleId(), session.role().arn(session.partition()).toString(), session.role().account().value(),
                            Optional.of(session.role().name()))), session.claims())));
            case Caller.FederatedUser federated -> new UserIdentity(IdentityType.FEDERATED_USER,
                    Optional.of(federated.userId()), Optional.of(federated.arn()), account, key, Optional.empty(),
                    Optional.empty(), Optional.of(context(federatedIssuer(federated), federated.claims())));
        };
    }

    /** What the owner of another account's resource sees of the caller: its account and principal ID only. */
    public static UserIdentity asOtherAccount(Caller caller) {
        return new UserIdentity(IdentityType.AWS_ACCOUNT, Optional.of(caller.userId()), Optional.empty(),
                Optional.of(caller.account().value()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static Optional<SessionIssuer> federatedIssuer(Caller.FederatedUser federated) {
        SessionClaims claims = federated.claims();
        return claims.parentUserArn().map(arn -> {
            boolean root = arn.endsWith(":root");
            String principalId = claims.parentUserId().orElse(root ? claims.account().value() : "");
            return new SessionIssuer(root ? IdentityType.ROOT : IdentityType.IAM_USER, principalId, arn,
                    claims.account().value(), root ? Optional.empty()
                            : Optional.of(arn.substring(arn.lastIndexOf('/') + 1)));
        });
    }

    private static SessionContext context(Optional<SessionIssuer> issuer, SessionClaims claims) {
        return new SessionContext(issuer, webIdFederationData(claims), claims.issuedAt(),
                claims.mfaAuthenticatedAt().isPresent(), claims.sourceIdentity());
    }

    /** The provider and the claims (aud, sub, amr...) a web identity or SAML session was made from. */
    private static Optional<AuditEvent.WebIdFederationData> webIdFederationData(SessionClaims claims) {
        if (claims.origin() != SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY
                && claims.origin() != SessionOrigin.ASSUME_ROLE_WITH_SAML) {
            return Optional.empty();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Optional<String> provider = Optional.empty();
        for (Map.Entry<String, List<String>> claim : claims.federationClaims().entrySet()) {
            String value = String.join(",", claim.getValue());
            if (claim.getKey().equals(FEDERATED_PROVIDER)) {
                provider = Optional.of(value);
            } else {
                attributes.put(claim.getKey(), value);
            }
        }
        return Optional.of(new AuditEvent.WebIdFederationData(provider, attributes));
    }
}
