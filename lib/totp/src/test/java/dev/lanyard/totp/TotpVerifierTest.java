package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TotpVerifierTest {
    private final Totp totp = new Totp(TotpParameters.AWS);
    private final TotpVerifier verifier = new TotpVerifier(totp, TotpVerifier.AWS_WINDOW);
    private final TotpSeed seed = TotpSeed.generate(Fixtures.seededSecureRandom(42));
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-05-04T03:02:01Z"));
    private final long now = totp.counterAt(clock.instant());

    @Test
    void aFreshDeviceAcceptsTheCurrentCode() {
        assertThat(verifier.verify(seed, totp.code(seed, now), clock.instant(), TotpVerifier.NONE_ACCEPTED))
                .contains(new TotpVerification(now));
    }

    @Test
    void theSameCodeIsRefusedOnceAccepted() {
        String code = totp.code(seed, now);
        long accepted = verifier.verify(seed, code, clock.instant(), TotpVerifier.NONE_ACCEPTED)
                .orElseThrow().acceptedCounter();

        assertThat(verifier.verify(seed, code, clock.instant(), accepted)).isEmpty();
        assertThat(verifier.verify(seed, code, clock.instant().plusSeconds(30), accepted)).isEmpty();
    }

    @Test
    void anOlderCodeIsRefusedAfterANewerOneButTheNextIsAccepted() {
        assertThat(verifier.verify(seed, totp.code(seed, now - 1), clock.instant(), now)).isEmpty();
        assertThat(verifier.verify(seed, totp.code(seed, now + 1), clock.instant(), now))
                .contains(new TotpVerification(now + 1));
    }

    @Test
    void theWindowIsOneStepEitherSide() {
        Instant time = clock.instant();
        for (int offset = -3; offset <= 3; offset++) {
            Optional<TotpVerification> result =
                    verifier.verify(seed, totp.code(seed, now + offset), time, TotpVerifier.NONE_ACCEPTED);
            if (Math.abs(offset) <= 1) {
                assertThat(result).as("offset %d", offset).contains(new TotpVerification(now + offset));
            } else {
                assertThat(result).as("offset %d", offset).isEmpty();
            }
        }
    }

    @Test
    void enableThenSignInThenReplay() {
        Instant enabledAt = clock.instant();
        long lastUsed = totp.matchConsecutive(seed, totp.code(seed, now - 1), totp.code(seed, now), enabledAt, 10)
                .orElseThrow();
        assertThat(lastUsed).isEqualTo(now);
        assertThat(verifier.verify(seed, totp.code(seed, now), enabledAt, lastUsed)).as("enable code reused").isEmpty();

        Instant later = enabledAt.plusSeconds(30);
        TotpVerification signIn = verifier.verify(seed, totp.codeAt(seed, later), later, lastUsed).orElseThrow();
        assertThat(signIn.acceptedCounter()).isEqualTo(now + 1);
        assertThat(verifier.verify(seed, totp.codeAt(seed, later), later, signIn.acceptedCounter())).isEmpty();
    }

    @Test
    void aLastAcceptedCounterBeyondTheWindowRefusesEverything() {
        String code = totp.code(seed, now);
        assertThat(verifier.verify(seed, code, clock.instant(), now + 1)).isEmpty();
        assertThat(verifier.verify(seed, code, clock.instant(), Long.MAX_VALUE)).isEmpty();
        assertThat(verifier.verify(seed, code, clock.instant(), Long.MIN_VALUE))
                .contains(new TotpVerification(now));
    }

    @Test
    void aNegativeAcceptedCounterIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpVerification(-1));
    }
}
