package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionOrigin;
import java.util.Optional;

/**
 * The limits AWS places on temporary credentials regardless of policy (iam-policy.md §4.5), which concern the IAM and
 * STS APIs only: federated-user sessions call no IAM API and no STS API but GetCallerIdentity; GetSessionToken
 * sessions without MFA call no IAM API and no STS API but AssumeRole and GetCallerIdentity. Every other service
 * (Organizations, S3) is left to the policies.
 */
public final class SessionRestrictions {
    private final AccessControl access;

    public SessionRestrictions(AccessControl access) {
        this.access = requireNonNull(access, "access is null");
    }

    public void check(Caller caller, String service, String action) {
        Optional<SessionClaims> session = caller.session();
        boolean limited = "sts".equals(service) || "iam".equals(service);
        if (session.isEmpty() || !limited || "GetCallerIdentity".equals(action) && "sts".equals(service)) {
            return;
        }
        switch (session.get().kind()) {
            case ASSUMED_ROLE -> { }
            case FEDERATED_USER -> throw access.refuse(caller, service + ":" + action, "",
                    " because sessions from GetFederationToken may only call sts:GetCallerIdentity",
                    "GetFederationToken sessions may only call sts:GetCallerIdentity");
            case USER_SESSION -> checkSessionToken(caller, session.get(), service, action);
            // An AssumeRoot session is limited by its task policy instead, a delegated one by its permission policy.
            case ROOT_SESSION -> {
                SessionOrigin origin = session.get().origin();
                if (origin != SessionOrigin.ASSUME_ROOT && origin != SessionOrigin.GET_DELEGATED_ACCESS_TOKEN) {
                    checkSessionToken(caller, session.get(), service, action);
                }
            }
        }
    }

    private void checkSessionToken(Caller caller, SessionClaims session, String service, String action) {
        boolean mfa = session.mfaAuthenticatedAt().isPresent();
        if (!"sts".equals(service) && !mfa) {
            // What AWS answers here (observed): the token is "invalid" for IAM without MFA.
            throw AwsErrors.invalidClientTokenId(
                    "GetSessionToken credentials without MFA may not call " + service + ":" + action);
        }
        if ("sts".equals(service) && !"AssumeRole".equals(action)) {
            throw access.refuse(caller, "sts:" + action, "",
                    " because sessions from GetSessionToken may only call sts:AssumeRole and sts:GetCallerIdentity",
                    "GetSessionToken sessions may only call sts:AssumeRole and sts:GetCallerIdentity");
        }
    }
}
