package dev.lanyard.sts;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.WebIdentityMessages;

/** STS's own sentences, as AWS words them (aws-sts-api.md section 11; docs/compatibility.md where we chose). */
final class StsErrors {
    private StsErrors() {}

    /** A federated AssumeRole the trust policy does not allow, or whose role does not exist. */
    static AwsException notAuthorized(String action, String operatorDetail) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "Not authorized to perform " + action, operatorDetail);
    }

    static AwsException rootMayNotAssumeRoles() {
        return new AwsException(ErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
    }

    /** @param operation GetSessionToken or GetFederationToken */
    static AwsException sessionCredentialsRefused(String operation) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "Cannot call " + operation + " with session credentials");
    }

    /** @param sentence {@link MfaCheck#UNKNOWN_DEVICE} or {@link MfaCheck#BAD_CODE}: AWS words them by operation */
    static AwsException mfaRefused(String sentence, String operatorDetail) {
        return new AwsException(ErrorCode.ACCESS_DENIED, sentence, operatorDetail);
    }

    static AwsException packedPolicyTooLarge(int percent) {
        return new AwsException(ErrorCode.PACKED_POLICY_TOO_LARGE,
                "Packed policy consumes " + percent + "% of allotted space");
    }

    static AwsException unknownOperation(String operatorDetail) {
        return new AwsException(ErrorCode.INVALID_ACTION, "Unknown Operation", operatorDetail);
    }

    static AwsException oauthAccessTokenNotSupported() {
        return new AwsException(ErrorCode.INVALID_IDENTITY_TOKEN,
                "OAuth 2.0 access tokens from www.amazon.com or graph.facebook.com are not supported here.");
    }

    static AwsException notAJwt() {
        return new AwsException(ErrorCode.INVALID_IDENTITY_TOKEN, WebIdentityMessages.NOT_A_JWT);
    }

    static AwsException noOidcProvider(String issuer) {
        return new AwsException(ErrorCode.INVALID_IDENTITY_TOKEN, WebIdentityMessages.noProvider(issuer));
    }

    static AwsException samlSessionNameMissing() {
        return new AwsException(ErrorCode.INVALID_IDENTITY_TOKEN, "RoleSessionName is required in AuthnResponse");
    }

    static AwsException invalidSamlPrincipal(String principalArn) {
        return new AwsException(ErrorCode.INVALID_IDENTITY_TOKEN, "Invalid principal: " + principalArn);
    }

    static AwsException noSamlProvider(String principalArn) {
        return new AwsException(ErrorCode.INVALID_IDENTITY_TOKEN,
                "SAML provider " + principalArn + " does not exist");
    }

    static AwsException outboundFederationDisabledForAccount() {
        return new AwsException(ErrorCode.OUTBOUND_FEDERATION_DISABLED,
                "Outbound web identity federation is disabled for this account.");
    }

    /** No signing keys yet: the feature was never enabled anywhere. */
    static AwsException outboundFederationDisabled() {
        return new AwsException(ErrorCode.OUTBOUND_FEDERATION_DISABLED,
                "Outbound web identity federation is disabled.");
    }

    static AwsException durationBeyondSession() {
        return new AwsException(ErrorCode.SESSION_DURATION_ESCALATION,
                "The requested DurationSeconds exceeds the remaining duration of the calling session.");
    }

    static AwsException jwtPayloadTooLarge() {
        return new AwsException(ErrorCode.JWT_PAYLOAD_SIZE_EXCEEDED,
                "The token's claims exceed the maximum size of the token.");
    }

    /** GetDelegatedAccessToken: AWS's model names only the code; the sentences are ours (ADR 0018). */
    static AwsException tradeInTokenUsed() {
        return new AwsException(ErrorCode.EXPIRED_TRADE_IN_TOKEN, "The trade-in token has already been used.");
    }

    static AwsException tradeInTokenExpired() {
        return new AwsException(ErrorCode.EXPIRED_TRADE_IN_TOKEN, "The trade-in token has expired.");
    }

    /** One answer for a malformed token, an unknown request and a wrong secret, so request IDs cannot be probed. */
    static AwsException tradeInTokenInvalid() {
        return new AwsException(ErrorCode.INVALID_PARAMETER_VALUE, "The trade-in token is not valid.");
    }
}
