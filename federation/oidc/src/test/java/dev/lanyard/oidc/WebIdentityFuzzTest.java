package dev.lanyard.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.Base64URL;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import org.junit.jupiter.api.AfterAll;

/**
 * Whatever the string, {@code verify} either returns or throws {@link AwsException}; {@code explain} and
 * {@code unverifiedIssuer} never throw. Three shapes of input: raw text, three fuzzed base64url segments, and a
 * fuzzed claims payload carrying a genuine signature, so the claim checks after the signature are reached too.
 * A normal build runs the seeds under src/test/resources (regression mode); JAZZER_FUZZ=1 fuzzes.
 */
class WebIdentityFuzzTest {
    private static final Harness HARNESS = Harness.loopback();
    private static final OidcProviderTrust PROVIDER = HARNESS.provider();

    @AfterAll
    static void stop() {
        HARNESS.close();
    }

    @FuzzTest(maxDuration = "30s")
    void verifyOnlyThrowsAwsException(FuzzedDataProvider data) {
        String token = switch (data.consumeInt(0, 2)) {
            case 0 -> data.consumeRemainingAsString();
            case 1 -> Base64URL.encode(data.consumeString(300)) + "." + Base64URL.encode(data.consumeString(600))
                    + "." + Base64URL.encode(data.consumeRemainingAsBytes());
            // the issuer carries a random port the fuzzer cannot guess; give it, so the later checks are reached
            default -> Tokens.signRaw("{\"iss\":\"" + HARNESS.idp.issuer() + "\"," + data.consumeRemainingAsString(),
                    TestKeys.RSA);
        };
        try {
            assertThat(HARNESS.verifier.verify(token, PROVIDER)).isNotNull();
        } catch (AwsException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(expected.operatorDetail()).isNotBlank();
        }
        assertThat(HARNESS.verifier.explain(token, PROVIDER)).isNotEmpty();
        assertThat(HARNESS.verifier.unverifiedIssuer(token)).isNotNull();
    }
}
