package dev.lanyard.saml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeWindowTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final TimeWindow window = new TimeWindow(NOW, Duration.ofMinutes(5));

    @ParameterizedTest
    @CsvSource({
        "2026-03-01T10:00:00Z, 2026-03-01T10:00:00Z",
        "2026-03-01T10:00:00.1234567Z, 2026-03-01T10:00:00.1234567Z",
        "2026-03-01T12:00:00+02:00, 2026-03-01T10:00:00Z",
        "2026-03-01T10:00:00.5-00:30, 2026-03-01T10:30:00.5Z"
    })
    void parsesZonedDateTimes(String text, Instant expected) {
        assertThat(TimeWindow.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00", "2026-03-01", "tomorrow", "", "2026-13-01T10:00:00Z",
        "2026-03-01T25:00:00Z"})
    void refusesUnzonedOrInvalid(String text) {
        assertThat(TimeWindow.parse(text)).isEmpty();
    }

    @Test
    void lenientParsingReadsUnzonedAsUtc() {
        assertThat(TimeWindow.parseLenient("2026-03-01T10:00:00")).contains(NOW);
    }

    @Test
    void boundsAreWidenedBySkewExactly() {
        window.checkNotOnOrAfter(NOW.minusSeconds(299), "t", "x");
        window.checkNotBefore(NOW.plusSeconds(300), "t", "x");

        assertThatThrownBy(() -> window.checkNotOnOrAfter(NOW.minusSeconds(300), "t", "x"))
                .isInstanceOfSatisfying(Rejection.class,
                        r -> assertThat(r.errorCode()).isEqualTo(ErrorCode.EXPIRED_TOKEN_EXCEPTION));
        assertThatThrownBy(() -> window.checkNotBefore(NOW.plusSeconds(301), "t", "x"))
                .isInstanceOfSatisfying(Rejection.class,
                        r -> assertThat(r.errorCode()).isEqualTo(ErrorCode.INVALID_IDENTITY_TOKEN));
    }
}
