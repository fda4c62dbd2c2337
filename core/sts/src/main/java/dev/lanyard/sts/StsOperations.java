package dev.lanyard.sts;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.federation.SamlAssertionVerifier;
import dev.lanyard.iam.spi.federation.WebIdentityTokenSigner;
import dev.lanyard.iam.spi.federation.WebIdentityVerifier;
import dev.lanyard.pipeline.ModelledOperations;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.query.model.ServiceModel;
import dev.lanyard.query.model.ServiceStyle;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The STS actions Lanyard serves, by wire name. */
public final class StsOperations {
    public static final String VERSION = "2011-06-15";
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** STS's API model (sts-model.tsv, derived from botocore's): every operation's input and output shapes. */
    public static final ServiceModel MODEL = ModelledOperations.load(StsOperations.class, "sts-model.tsv");

    /** STS repeats the offending value in a validation message ({@code Value 'x' at 'roleSessionName'}). */
    static final ServiceStyle STYLE = new ServiceStyle(true, true, Map.of(), false);

    private StsOperations() {}

    /** Actions authorized within another operation: tags and source identity of a session or token. */
    static final Set<String> ALSO_AUTHORIZED = Set.of("TagSession", "SetSourceIdentity",
            "TagGetWebIdentityToken");

    public static Map<String, Operation> create(IamStore store, AccessControl access, CredentialIssuer issuer,
            MfaCheck mfa, WebIdentityVerifier webIdentity,
            SamlAssertionVerifier saml,
            WebIdentityTokenSigner signer,
            Function<String, String> issuerForAccount, SecureRandom random) {
        Map<String, Operation> operations = Map.ofEntries(
                Map.entry("GetWebIdentityToken", new GetWebIdentityToken(store, access, signer, issuerForAccount,
                        random)),
                Map.entry("AssumeRoleWithSAML", new AssumeRoleWithSaml(store, access, issuer, saml)),
                Map.entry("AssumeRoleWithWebIdentity", new AssumeRoleWithWebIdentity(store, access, issuer,
                        webIdentity)),
                Map.entry("AssumeRole", new AssumeRole(store, access, issuer, mfa)),
                Map.entry("AssumeRoot", new AssumeRoot(store, access, issuer)),
                Map.entry("GetDelegatedAccessToken", new GetDelegatedAccessToken(store, access, issuer)),
                Map.entry("GetSessionToken", new GetSessionToken(store, issuer, mfa)),
                Map.entry("GetFederationToken", new GetFederationToken(store, access, issuer)),
                Map.entry("GetCallerIdentity", new GetCallerIdentity()),
                Map.entry("GetAccessKeyInfo", new GetAccessKeyInfo(store, access)),
                Map.entry("DecodeAuthorizationMessage", new DecodeAuthorizationMessage(store, access)));
        access.serviceAuthorization().requireRows("sts", operations.keySet());
        access.serviceAuthorization().requireRows("sts", ALSO_AUTHORIZED);
        return ModelledOperations.wrap(MODEL, STYLE, operations);
    }
}
