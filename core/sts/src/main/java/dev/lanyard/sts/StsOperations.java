package dev.lanyard.sts;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import java.security.SecureRandom;
import java.util.Map;

/** The STS actions Lanyard serves, by wire name. */
public final class StsOperations {
    public static final String VERSION = "2011-06-15";
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsOperations() {}

    public static Map<String, Operation> create(IamStore store, AccessControl access, CredentialIssuer issuer,
            MfaCheck mfa, dev.lanyard.iam.spi.federation.WebIdentityVerifier webIdentity,
            dev.lanyard.iam.spi.federation.SamlAssertionVerifier saml,
            dev.lanyard.iam.spi.federation.WebIdentityTokenSigner signer,
            java.util.function.Function<String, String> issuerForAccount, SecureRandom random) {
        return Map.of(
                "GetWebIdentityToken", new GetWebIdentityToken(store, access, signer, issuerForAccount, random),
                "AssumeRoleWithSAML", new AssumeRoleWithSaml(store, access, issuer, saml),
                "AssumeRoleWithWebIdentity", new AssumeRoleWithWebIdentity(store, access, issuer, webIdentity),
                "AssumeRole", new AssumeRole(store, access, issuer, mfa),
                "GetSessionToken", new GetSessionToken(issuer, mfa),
                "GetFederationToken", new GetFederationToken(store, access, issuer),
                "GetCallerIdentity", new GetCallerIdentity(),
                "GetAccessKeyInfo", new GetAccessKeyInfo(store, access),
                "DecodeAuthorizationMessage", new DecodeAuthorizationMessage(store, access));
    }
}
