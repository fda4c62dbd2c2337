package dev.lanyard.iam.spi.federation;

import java.util.List;

/**
 * Validates SAML 2.0 Responses for AssumeRoleWithSAML.
 *
 * <p>Security guarantees: the document is parsed without DTDs or external entities and within size and depth limits;
 * the signature (on the Response or the Assertion) is verified with the provider's certificates before any content
 * is read, and only the element the signature references is read afterwards, so wrapping attacks find nothing.
 */
public interface SamlAssertionVerifier {
    /** Parses and checks IdP metadata for CreateSAMLProvider/UpdateSAMLProvider; AwsException InvalidInput if bad. */
    SamlMetadata parseMetadata(String metadataXml);

    /**
     * Verifies the base64 SAMLResponse. Failures throw {@link dev.lanyard.aws.AwsException} with AWS's code and message
     * ({@code InvalidIdentityToken}, {@code ExpiredTokenException}, {@code IDPRejectedClaim}) and the failed check in
     * {@code operatorDetail()}.
     */
    VerifiedSamlAssertion verify(String base64Response, SamlProviderTrust provider);

    /** The same checks, reported one by one for diagnostics; the last entry is the first failure, if any. */
    List<FederationCheck> explain(String base64Response, SamlProviderTrust provider);
}
