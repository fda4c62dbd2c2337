package dev.lanyard.oidc;

import static dev.lanyard.oidc.Refusals.KEY_UNAVAILABLE;
import static dev.lanyard.oidc.Refusals.explainedAs;
import static dev.lanyard.oidc.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An IdP that is down, slow, or answers with something other than a JWKS. */
class IdpFailureTest {
    private static final String UNREACHABLE = "The request could not be fulfilled because the identity provider "
            + "(IDP) that was asked to verify the incoming identity token could not be reached.";

    @Test
    void jwksEndpointDown() {
        try (Harness harness = Harness.loopback()) {
            String token = harness.rsaToken();
            harness.idp.close();

            AwsException e = refused(harness.verifier, token, harness.provider(), ErrorCode.IDP_COMMUNICATION_ERROR,
                    UNREACHABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("UNREACHABLE");
        }
    }

    @Test
    void jwksEndpointAnswers503() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.SERVER_ERROR);

            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.IDP_COMMUNICATION_ERROR, UNREACHABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("HTTP 503");
        }
    }

    @Test
    void jwksEndpointReturnsGarbage() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.GARBAGE);

            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("JWKS is not a JSON object");
        }
    }

    @Test
    void jwksWithoutAnyUsableKey() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.NO_KEYS);

            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("no usable signing key among 1 entries");
        }
    }

    @Test
    void jwksEndpointMissing() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.NOT_FOUND);

            refused(harness.verifier, harness.rsaToken(), harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN,
                    KEY_UNAVAILABLE, "signing-key");
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.REDIRECT);

            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("HTTP 302");
        }
    }

    @Test
    void oversizedJwksDocument() {
        try (Harness harness = new Harness(TestIdp.http(TestKeys.standardSet()),
                Harness.loopbackConfig().withLimits(20_000, 16 * 1024))) {
            harness.idp.mode(TestIdp.Mode.HUGE);

            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("exceeds 16384 bytes");
        }
    }

    @Test
    void slowIdpTimesOut() {
        try (Harness harness = new Harness(TestIdp.http(TestKeys.standardSet()),
                Harness.loopbackConfig().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)))) {
            harness.idp.mode(TestIdp.Mode.HANG);

            refused(harness.verifier, harness.rsaToken(), harness.provider(), ErrorCode.IDP_COMMUNICATION_ERROR,
                    UNREACHABLE, "signing-key");
        }
    }

    @Test
    void discoveryNamingAPlainHttpJwksElsewhereIsRefused() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.jwksUri("http://jwks.example.com/keys");

            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
            assertThat(e.operatorDetail()).contains("plain http is refused for non-loopback host jwks.example.com");
            assertThat(harness.idp.jwksRequests).hasValue(0);
        }
    }

    @Test
    void loopbackHttpNeedsTheEscapeHatch() {
        try (Harness harness = new Harness(TestIdp.http(TestKeys.standardSet()), OidcVerifierConfig.defaults())) {
            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, "No OpenIDConnect provider found in your account for "
                            + harness.idp.issuer(), "issuer");
            assertThat(e.operatorDetail()).contains("needs allowInsecureLoopback");
            assertThat(harness.idp.discoveryRequests).hasValue(0);
        }
    }

    @Test
    void explainEndsWithTheFetchFailure() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.GARBAGE);

            explainedAs(harness.verifier, harness.rsaToken(), harness.provider(), "signing-key");
        }
    }
}
