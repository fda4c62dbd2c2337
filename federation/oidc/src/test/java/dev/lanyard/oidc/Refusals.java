package dev.lanyard.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import java.util.List;

/** Asserts a refusal: the AWS code and message the client sees, and the failed check the operator sees. */
final class Refusals {
    static final String KEY_UNAVAILABLE = "Couldn't retrieve verification key from your identity provider, "
            + "please reference AssumeRoleWithWebIdentity documentation for requirements";
    static final String THUMBPRINT = "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";
    static final String NOT_A_JWT =
            "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";
    static final String SIGNATURE = "Token signature invalid";

    private Refusals() {
    }

    static AwsException refused(OidcWebIdentityVerifier verifier, String token, OidcProviderTrust provider,
            ErrorCode code, String message, String failedCheck) {
        AwsException e = catchThrowableOfType(AwsException.class, () -> verifier.verify(token, provider));
        assertThat(e).as("verify must refuse").isNotNull();
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.operatorDetail()).contains("web identity check " + failedCheck + " failed for "
                + provider.providerArn());
        return e;
    }

    /** The same token through {@code explain}: the last check is the failed one, everything before it passed. */
    static void explainedAs(OidcWebIdentityVerifier verifier, String token, OidcProviderTrust provider,
            String failedCheck) {
        List<FederationCheck> checks = verifier.explain(token, provider);
        assertThat(checks).isNotEmpty();
        assertThat(checks.getLast().name()).isEqualTo(failedCheck);
        assertThat(checks.getLast().passed()).isFalse();
        assertThat(checks.subList(0, checks.size() - 1)).allMatch(FederationCheck::passed);
    }
}
