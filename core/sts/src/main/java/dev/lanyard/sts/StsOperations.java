package dev.lanyard.sts;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.ModelledOperations;
import dev.lanyard.authz.Operation;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.query.model.ServiceModel;
import dev.lanyard.query.model.ServiceStyle;
import java.security.SecureRandom;
import java.util.Map;

/** The STS actions Lanyard serves, by wire name. */
public final class StsOperations {
    public static final String VERSION = "2011-06-15";
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** STS's API model (sts-model.tsv, derived from botocore's): every operation's input and output shapes. */
    public static final ServiceModel MODEL = ModelledOperations.load(StsOperations.class, "sts-model.tsv");

    /** STS repeats the offending value in a validation message ({@code Value 'x' at 'roleSessionName'}). */
    static final ServiceStyle STYLE = new ServiceStyle(true, true, Map.of(), false);

    private StsOperations() {}

    /** Actions sent unsigned: the identity provider's token is the credential. */
    public static final java.util.Set<String> UNSIGNED = java.util.Set.of("AssumeRoleWithWebIdentity",
            "AssumeRoleWithSAML");

    /** Actions authorized within another operation: tags and source identity of a session or token. */
    static final java.util.Set<String> ALSO_AUTHORIZED = java.util.Set.of("TagSession", "SetSourceIdentity",
            "TagGetWebIdentityToken");

    public static Map<String, Operation> create(IamStore store, AccessControl access, CredentialIssuer issuer,
            MfaCheck mfa, dev.lanyard.iam.spi.federation.WebIdentityVerifier webIdentity,
            dev.lanyard.iam.spi.federation.SamlAssertionVerifier saml,
            dev.lanyard.iam.spi.federation.WebIdentityTokenSigner signer,
            java.util.function.Function<String, String> issuerForAccount, SecureRandom random) {
        Map<String, Operation> operations = Map.of(
                "GetWebIdentityToken", new GetWebIdentityToken(store, access, signer, issuerForAccount, random),
                "AssumeRoleWithSAML", new AssumeRoleWithSaml(store, access, issuer, saml),
                "AssumeRoleWithWebIdentity", new AssumeRoleWithWebIdentity(store, access, issuer, webIdentity),
                "AssumeRole", new AssumeRole(store, access, issuer, mfa),
                "GetSessionToken", new GetSessionToken(issuer, mfa),
                "GetFederationToken", new GetFederationToken(store, access, issuer),
                "GetCallerIdentity", new GetCallerIdentity(),
                "GetAccessKeyInfo", new GetAccessKeyInfo(store, access),
                "DecodeAuthorizationMessage", new DecodeAuthorizationMessage(store, access));
        access.serviceAuthorization().requireRows("sts", operations.keySet());
        access.serviceAuthorization().requireRows("sts", ALSO_AUTHORIZED);
        return ModelledOperations.wrap(MODEL, STYLE, operations);
    }
}
