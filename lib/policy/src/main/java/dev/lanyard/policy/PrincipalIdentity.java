package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.PrincipalType;
import java.util.Optional;

/**
 * Who is calling, for Principal/NotPrincipal matching in resource and trust policies.
 *
 * @param iamArn IAM user ARN or role ARN, with path (for a role session: the role)
 * @param uniqueId AIDA…/AROA… of that user/role (stored trust policies name these)
 * @param sessionArn {@code arn:aws:sts::A:assumed-role/R/S} or {@code arn:aws:sts::A:federated-user/N}
 * @param parentUserArn for a federated-user session: the IAM user that called GetFederationToken
 * @param federatedProvider for a web identity / SAML caller: provider ARN or built-in IdP name
 * @param servicePrincipal for an AWS service caller: e.g. {@code ec2.amazonaws.com}
 */
public record PrincipalIdentity(
        AccountId account,
        PrincipalType type,
        Optional<String> iamArn,
        Optional<String> uniqueId,
        Optional<String> sessionArn,
        Optional<String> parentUserArn,
        Optional<String> federatedProvider,
        Optional<String> servicePrincipal) {
    public PrincipalIdentity {
        requireNonNull(account, "account is null");
        requireNonNull(type, "type is null");
        requireNonNull(iamArn, "iamArn is null");
        requireNonNull(uniqueId, "uniqueId is null");
        requireNonNull(sessionArn, "sessionArn is null");
        requireNonNull(parentUserArn, "parentUserArn is null");
        requireNonNull(federatedProvider, "federatedProvider is null");
        requireNonNull(servicePrincipal, "servicePrincipal is null");
    }

    /** The account root user. */
    public static PrincipalIdentity root(AccountId account) {
        return new PrincipalIdentity(account, PrincipalType.ACCOUNT, Optional.of(Partition.AWS.root(account).toString()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An IAM user (long-term keys or a GetSessionToken session). */
    public static PrincipalIdentity user(AccountId account, String userArn, String uniqueId) {
        return user(account, userArn, Optional.of(uniqueId));
    }

    /** An IAM user whose unique ID may be unknown (a simulated caller named only by ARN). */
    public static PrincipalIdentity user(AccountId account, String userArn, Optional<String> uniqueId) {
        return new PrincipalIdentity(account, PrincipalType.USER, Optional.of(userArn), uniqueId, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A session of a role. */
    public static PrincipalIdentity roleSession(AccountId account, String roleArn, String roleUniqueId,
                                                String sessionArn) {
        return new PrincipalIdentity(account, PrincipalType.ASSUMED_ROLE, Optional.of(roleArn),
                Optional.of(roleUniqueId), Optional.of(sessionArn), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A GetFederationToken session created by {@code parentUserArn}. */
    public static PrincipalIdentity federatedUser(AccountId account, String sessionArn, String parentUserArn) {
        return new PrincipalIdentity(account, PrincipalType.FEDERATED_USER, Optional.empty(), Optional.empty(),
                Optional.of(sessionArn), Optional.of(parentUserArn), Optional.empty(), Optional.empty());
    }

    /** A caller of AssumeRoleWithWebIdentity / AssumeRoleWithSAML presenting a token from {@code provider}. */
    public static PrincipalIdentity webIdentity(AccountId account, String provider) {
        return new PrincipalIdentity(account, PrincipalType.ANONYMOUS, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(provider), Optional.empty());
    }

    /** An AWS service principal such as {@code lambda.amazonaws.com}. */
    public static PrincipalIdentity service(AccountId account, String servicePrincipal) {
        return new PrincipalIdentity(account, PrincipalType.ANONYMOUS, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(servicePrincipal));
    }

    /** True for principals that belong to {@link #account()} as IAM identities (root, users, sessions). */
    public boolean isAccountMember() {
        return switch (type) {
            case ACCOUNT, USER, ASSUMED_ROLE, FEDERATED_USER -> true;
            case ANONYMOUS -> false;
        };
    }
}
