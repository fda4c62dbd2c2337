package dev.lanyard.oidc;

import static dev.lanyard.oidc.Refusals.KEY_UNAVAILABLE;
import static dev.lanyard.oidc.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Key rotation, the refresh rate limit, and serving cached keys through an IdP outage (clock-driven, no sleeps). */
class JwksCacheTest {
    private static final RSAKey ROTATED = TestKeys.rsa("rsa-2");

    @Test
    void unknownKidTriggersOneRefreshThenIsRateLimited() {
        try (Harness harness = Harness.loopback()) {
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            assertThat(harness.idp.jwksRequests).hasValue(1);

            harness.idp.publish(TestKeys.publicSet(TestKeys.RSA, ROTATED));
            String rotated = harness.token(ROTATED, JWSAlgorithm.RS256);
            refused(harness.verifier, rotated, harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE,
                    "signing-key");
            assertThat(harness.idp.jwksRequests).as("the first fetch counts against the interval").hasValue(1);

            harness.clock.advance(Duration.ofSeconds(61));
            harness.verifier.verify(harness.token(ROTATED, JWSAlgorithm.RS256), harness.provider());
            assertThat(harness.idp.jwksRequests).as("new kid: one refresh").hasValue(2);

            String unknown = harness.token(TestKeys.rsa("rsa-unknown"), JWSAlgorithm.RS256);
            for (int i = 0; i < 3; i++) {
                AwsException e = refused(harness.verifier, unknown, harness.provider(),
                        ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
                assertThat(e.operatorDetail()).contains("refresh rate-limited");
            }
            assertThat(harness.idp.jwksRequests).as("no refresh within the interval").hasValue(2);

            harness.clock.advance(Duration.ofSeconds(61));
            refused(harness.verifier, harness.token(TestKeys.rsa("rsa-unknown"), JWSAlgorithm.RS256),
                    harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
            assertThat(harness.idp.jwksRequests).as("one refresh after the interval").hasValue(3);
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            assertThat(harness.idp.jwksRequests).as("known kid served from cache").hasValue(3);
        }
    }

    @Test
    void rotationIsPickedUpOnTheFirstTokenWithTheNewKid() {
        try (Harness harness = Harness.loopback()) {
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            harness.clock.advance(Duration.ofSeconds(61));
            harness.idp.publish(TestKeys.publicSet(ROTATED));

            assertThat(harness.verifier.verify(harness.token(ROTATED, JWSAlgorithm.RS256), harness.provider())
                    .keyId()).isEqualTo("rsa-2");
        }
    }

    @Test
    void outageIsServedFromCacheUntilTheStaleLimit() {
        try (Harness harness = Harness.loopback()) {
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            harness.idp.mode(TestIdp.Mode.SERVER_ERROR);

            harness.clock.advance(Duration.ofMinutes(59));
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            assertThat(harness.idp.jwksRequests).as("fresh keys need no fetch").hasValue(1);

            harness.clock.advance(Duration.ofMinutes(2));
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            assertThat(harness.idp.jwksRequests).as("stale keys: one failed refresh, served anyway").hasValue(2);

            harness.clock.advance(Duration.ofHours(22));
            harness.verifier.verify(harness.rsaToken(), harness.provider());

            harness.clock.advance(Duration.ofHours(1));
            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.IDP_COMMUNICATION_ERROR, "The request could not be fulfilled because the identity "
                            + "provider (IDP) that was asked to verify the incoming identity token could not be "
                            + "reached.", "signing-key");
            assertThat(e.operatorDetail()).contains("HTTP 503");

            harness.idp.mode(TestIdp.Mode.NORMAL);
            harness.clock.advance(Duration.ofSeconds(61));
            harness.verifier.verify(harness.rsaToken(), harness.provider());
        }
    }

    @Test
    void aFailedFirstFetchIsNotRetriedWithinTheInterval() {
        try (Harness harness = Harness.loopback()) {
            harness.idp.mode(TestIdp.Mode.SERVER_ERROR);
            for (int i = 0; i < 3; i++) {
                refused(harness.verifier, harness.rsaToken(), harness.provider(), ErrorCode.IDP_COMMUNICATION_ERROR,
                        "The request could not be fulfilled because the identity provider (IDP) that was asked to "
                                + "verify the incoming identity token could not be reached.", "signing-key");
            }
            assertThat(harness.idp.jwksRequests).hasValue(1);
        }
    }

    @Test
    void concurrentColdStartFetchesOnce() throws Exception {
        try (Harness harness = Harness.loopback(); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String token = harness.rsaToken();
            List<Future<VerifiedWebIdentity>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(threads.submit(() -> harness.verifier.verify(token, harness.provider())));
            }
            for (Future<VerifiedWebIdentity> result : results) {
                assertThat(result.get().keyId()).isEqualTo("rsa-1");
            }
            assertThat(harness.idp.jwksRequests).hasValue(1);
        }
    }

    @Test
    void forgetDropsTheCachedKeys() {
        try (Harness harness = Harness.loopback()) {
            harness.verifier.verify(harness.rsaToken(), harness.provider());
            harness.verifier.forget(harness.idp.issuer());
            harness.clock.advance(Duration.ofSeconds(61));
            harness.verifier.verify(harness.rsaToken(), harness.provider());

            assertThat(harness.idp.jwksRequests).hasValue(2);
        }
    }
}
