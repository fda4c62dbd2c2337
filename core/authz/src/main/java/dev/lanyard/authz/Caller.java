package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.PrincipalType;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.tokens.SessionClaims;
import java.util.Optional;

/**
 * An authenticated principal: only the request authenticator ({@code dev.lanyard.pipeline}) creates these, after SigV4
 * and key checks. Records cannot hide their constructors, so the architecture test refuses one made anywhere else; a
 * policy simulation names what it simulates with a {@link SimulationSubject} instead.
 */
public sealed interface Caller {
    AccountId account();

    /** The partition the caller was authenticated in, the served one: every ARN derived from the caller names it. */
    Partition partition();

    AccessKeyId accessKeyId();

    Optional<SessionClaims> session();

    /** The ARN GetCallerIdentity reports and AccessDenied messages name. */
    String arn();

    /** The {@code aws:userid} value. */
    String userId();

    PrincipalType principalType();

    /** The account root, with long-term keys or a GetSessionToken session. */
    record Root(AccountId account, AccessKeyId accessKeyId, Optional<SessionClaims> session, Partition partition)
            implements Caller {
        public Root {
            requireNonNull(account, "account is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(session, "session is null");
        }

        @Override
        public String arn() {
            return partition.root(account).toString();
        }

        @Override
        public String userId() {
            return account.value();
        }

        @Override
        public PrincipalType principalType() {
            return PrincipalType.ACCOUNT;
        }
    }

    /** An IAM user, with long-term keys or a GetSessionToken session. */
    record IamUser(User user, AccessKeyId accessKeyId, Optional<SessionClaims> session, Partition partition)
            implements Caller {
        public IamUser {
            requireNonNull(user, "user is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(session, "session is null");
        }

        @Override
        public AccountId account() {
            return user.account();
        }

        @Override
        public String arn() {
            return user.arn(partition).toString();
        }

        @Override
        public String userId() {
            return user.userId();
        }

        @Override
        public PrincipalType principalType() {
            return PrincipalType.USER;
        }
    }

    /** A session of a role (AssumeRole, or a federation call). */
    record RoleSession(Role role, SessionClaims claims, AccessKeyId accessKeyId, Partition partition)
            implements Caller {
        public RoleSession {
            requireNonNull(role, "role is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(claims, "claims is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
        }

        @Override
        public AccountId account() {
            return role.account();
        }

        @Override
        public Optional<SessionClaims> session() {
            return Optional.of(claims);
        }

        @Override
        public String arn() {
            return partition.sts(role.account(), "assumed-role/" + role.name() + "/" + claims.sessionName()).toString();
        }

        @Override
        public String userId() {
            return role.roleId() + ":" + claims.sessionName();
        }

        @Override
        public PrincipalType principalType() {
            return PrincipalType.ASSUMED_ROLE;
        }
    }

    /** A GetFederationToken session; its permissions are its creator's intersected with its session policies. */
    record FederatedUser(SessionClaims claims, Optional<User> parentUser, AccessKeyId accessKeyId,
            Partition partition) implements Caller {
        public FederatedUser {
            requireNonNull(claims, "claims is null");
            requireNonNull(partition, "partition is null");
            requireNonNull(parentUser, "parentUser is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
        }

        @Override
        public AccountId account() {
            return claims.account();
        }

        @Override
        public Optional<SessionClaims> session() {
            return Optional.of(claims);
        }

        @Override
        public String arn() {
            return partition.sts(claims.account(), "federated-user/" + claims.sessionName()).toString();
        }

        @Override
        public String userId() {
            return claims.account().value() + ":" + claims.sessionName();
        }

        @Override
        public PrincipalType principalType() {
            return PrincipalType.FEDERATED_USER;
        }
    }
}
