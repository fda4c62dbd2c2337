package dev.lanyard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyDateTest {
    @ParameterizedTest
    @ValueSource(strings = {"01T", "2019-07-01T13:20:15Z", "2016-12-13T21:20:37.593194+00:00",
            "2016-12-13t2:00:00.593194+23", "-292275054", "0", "9223372036854775807", "2017-07-01",
            "2024-10-10T09:43:48.085Z", "2024-02-29T00:00:00-05:30", "T10:00", "2019-01-01TZ"})
    void acceptsWhatIamAccepts(String value) {
        assertThat(DateValue.parse(value)).as(value).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sdfdsf", "234-13", "2016-12-13t2:00:00.593194+1", "2016-12-13t2:00:00.1999999999+10:59",
            "9223372036854775808", "", "2023-02-29", "-292275055", "2019-07-01T24:00:00Z",
            "2019-07-01T13:60", "2019-07-01T13:20:15Zx", "1.5", "+5"})
    void rejectsWhatIamRejects(String value) {
        assertThat(DateValue.parse(value)).as(value).isEmpty();
    }

    @Test
    void isoValuesAreInstants() {
        assertThat(seconds("2019-07-01T13:20:15Z")).isEqualTo(Instant.parse("2019-07-01T13:20:15Z").getEpochSecond());
        assertThat(seconds("2019-07-01T15:20:15+02:00")).isEqualTo(seconds("2019-07-01T13:20:15Z"));
        assertThat(seconds("2019-07-01")).isEqualTo(Instant.parse("2019-07-01T00:00:00Z").getEpochSecond());
        assertThat(DateValue.parse("2024-10-10T09:43:48.085Z").orElseThrow().nano()).isEqualTo(85_000_000);
    }

    @Test
    void allDigitsAreEpochSeconds() {
        assertThat(seconds("1700000000")).isEqualTo(1_700_000_000L);
        assertThat(DateValue.parse("1700000000").orElseThrow())
                .isLessThan(DateValue.parse("2023-11-14T22:13:21Z").orElseThrow());
    }

    private static long seconds(String value) {
        return DateValue.parse(value).orElseThrow().epochSecond();
    }
}
