package dev.lanyard.sigv4;

import static dev.lanyard.sigv4.Fixtures.NOW;
import static dev.lanyard.sigv4.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The ±15 minute window: its edges, both directions, AWS's exact messages, and presigned URLs alike. */
class SkewWindowTest {
    private final SigV4Verifier verifier = new SigV4Verifier(InstantSource.fixed(NOW));

    private VerifiedSignature verifyAt(Instant signedAt) {
        HttpRequestParts request = Fixtures.signedStsPost(signedAt);
        return verifier.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET);
    }

    @Test
    void exactlyFifteenMinutesEitherWayIsAccepted() {
        assertThat(verifyAt(NOW.minus(Duration.ofMinutes(15))).request().requestTime())
                .isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(verifyAt(NOW.plus(Duration.ofMinutes(15))).request().requestTime())
                .isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void oneSecondTooOldIsExpired() {
        assertThatThrownBy(() -> verifyAt(NOW.minus(Duration.ofMinutes(15)).minusSeconds(1)))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("Signature expired: 20261123T184504Z is now earlier than 20261123T184505Z"
                        + " (20261123T190005Z - 15 min.)");
    }

    @Test
    void oneSecondTooNewIsNotYetCurrent() {
        assertThatThrownBy(() -> verifyAt(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1)))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("Signature not yet current: 20261123T191506Z is still later than 20261123T191505Z"
                        + " (20261123T190005Z + 15 min.)");
    }

    @Test
    void reproducesTheMessageAwsStsSent() {
        SigV4Verifier atAwsTime = new SigV4Verifier(InstantSource.fixed(Instant.parse("2016-06-10T01:45:08Z")));
        HttpRequestParts request = Fixtures.signedStsPost(Instant.parse("2016-06-09T18:45:12Z"));
        assertThatThrownBy(() -> atAwsTime.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET))
                .hasMessage("Signature expired: 20160609T184512Z is now earlier than 20160610T013008Z"
                        + " (20160610T014508Z - 15 min.)");
    }

    @Test
    void fractionsOfTheCurrentSecondDoNotCount() {
        SigV4Verifier late = new SigV4Verifier(InstantSource.fixed(NOW.plusMillis(999)));
        HttpRequestParts request = Fixtures.signedStsPost(NOW.minus(Duration.ofMinutes(15)));
        assertThat(late.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET)).isNotNull();
    }

    @Test
    void aCustomWindowIsPrintedInItsUnit() {
        SigV4Verifier strict = new SigV4Verifier(InstantSource.fixed(NOW), Duration.ofSeconds(90));
        HttpRequestParts request = Fixtures.signedStsPost(NOW.minusSeconds(91));
        assertThatThrownBy(() -> strict.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET))
                .hasMessage("Signature expired: 20261123T185834Z is now earlier than 20261123T185835Z"
                        + " (20261123T190005Z - 90 sec.)");
    }

    @Test
    void anIdentityProofGetsTheWindowNotItsExpires() {
        HttpRequestParts get = new HttpRequestParts("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15",
                java.util.Map.of("Host", java.util.List.of("sts.example.test")));
        Instant signedAt = NOW.minus(Duration.ofMinutes(15));
        String query = Fixtures.signer().presignQuery(get, "us-east-1", "sts", signedAt, Duration.ofSeconds(60));
        HttpRequestParts presigned = get.withRawQuery(query);
        assertThat(verifier.verify(SignedRequest.parse(presigned).orElseThrow(), presigned, SECRET,
                PresignedLifetime.SKEW_WINDOW)).isNotNull();
        assertThatThrownBy(() -> verifier.verify(SignedRequest.parse(presigned).orElseThrow(), presigned, SECRET))
                .hasMessage("Request has expired.");

        String stale = Fixtures.signer().presignQuery(get, "us-east-1", "sts", signedAt.minusSeconds(1),
                Duration.ofSeconds(604_800));
        HttpRequestParts old = get.withRawQuery(stale);
        for (PresignedLifetime lifetime : PresignedLifetime.values()) {
            assertThatThrownBy(() -> verifier.verify(SignedRequest.parse(old).orElseThrow(), old, SECRET, lifetime))
                    .hasMessageStartingWith("Signature expired: 20261123T184504Z");
        }
    }

    /** X-Amz-Expires is about presigned URLs: a header-signed request that sends one still gets the window. */
    @Test
    void expiresDoesNotApplyToHeaderSignatures() {
        HttpRequestParts request = Fixtures.withHeader(Fixtures.signedStsPost(NOW.minus(Duration.ofMinutes(10))),
                "X-Amz-Expires", "1");
        assertThat(verifier.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET)).isNotNull();
    }

    @Test
    void rejectsANegativeWindow() {
        assertThatThrownBy(() -> new SigV4Verifier(InstantSource.fixed(NOW), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
