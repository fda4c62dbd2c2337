package dev.lanyard.pipeline;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.tokens.SessionClaims;
import java.util.Optional;

/**
 * Finds the principal a session stands for, by the unique ID sealed into its token and never by name: a user or role
 * deleted and created again under the same name has a new unique ID, so the old sessions stay dead (as in IAM, where
 * policies and sessions name {@code AIDA…}/{@code AROA…} IDs). Renaming a user keeps its sessions, as the ID stays.
 */
final class SessionPrincipals {
    private SessionPrincipals() {}

    /**
     * The caller of a session whose token has been unsealed and whose signature and expiry have been checked. The
     * token seals its principal's ARN, so a session issued under another partition (a deployment sharing this one's
     * token keys) is refused here rather than answered with ARNs of two partitions.
     */
    static Caller caller(IamSnapshot snapshot, SessionClaims claims, AccessKeyId keyId, Partition served) {
        String issuedIn = Arn.parse(claims.principalArn()).map(Arn::partition).orElse("");
        if (!issuedIn.equals(served.name())) {
            throw invalid("session of " + claims.principalArn() + " was issued in another partition than '" + served
                    + "'");
        }
        return switch (claims.kind()) {
            case ASSUMED_ROLE -> new Caller.RoleSession(role(snapshot, claims), claims, keyId, served);
            case USER_SESSION -> new Caller.IamUser(user(snapshot, claims, claims.principalId()), keyId,
                    Optional.of(claims), served);
            case ROOT_SESSION -> {
                requireRoot(claims, claims.principalId());
                yield new Caller.Root(claims.account(), keyId, Optional.of(claims), served);
            }
            case FEDERATED_USER -> new Caller.FederatedUser(claims, parentUser(snapshot, claims, served), keyId,
                    served);
        };
    }

    private static Role role(IamSnapshot snapshot, SessionClaims claims) {
        return snapshot.roleById(claims.principalId()).filter(r -> r.account().equals(claims.account()))
                .orElseThrow(() -> invalid("the role " + claims.principalId() + " of session "
                        + claims.principalArn() + "/" + claims.sessionName() + " no longer exists"));
    }

    private static User user(IamSnapshot snapshot, SessionClaims claims, String userId) {
        return snapshot.userById(userId).filter(u -> u.account().equals(claims.account()))
                .orElseThrow(() -> invalid("the user " + userId + " of a session no longer exists"));
    }

    private static void requireRoot(SessionClaims claims, String principalId) {
        if (!principalId.equals(claims.account().value())) {
            throw invalid("a root session names " + principalId + ", not its account " + claims.account());
        }
    }

    /** Empty for a session the account root created; its creator by unique ID otherwise. */
    private static Optional<User> parentUser(IamSnapshot snapshot, SessionClaims claims, Partition served) {
        String parentId = claims.parentUserId().orElseThrow(() -> invalid("federated session "
                + claims.sessionName() + " was sealed before sessions named their creator's unique ID"));
        if (claims.parentUserArn().equals(Optional.of(served.root(claims.account()).toString()))) {
            requireRoot(claims, parentId);
            return Optional.empty();
        }
        return Optional.of(user(snapshot, claims, parentId));
    }

    private static CredentialsRejectedException invalid(String detail) {
        return RequestAuthenticator.reject(CredentialRejection.INVALID_TOKEN, detail);
    }
}
