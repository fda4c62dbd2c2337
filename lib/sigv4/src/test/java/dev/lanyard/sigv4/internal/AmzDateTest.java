package dev.lanyard.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmzDateTest {

    @Test
    void parsesAndFormats() {
        assertThat(AmzDate.parse("20150830T123600Z")).contains(Instant.parse("2015-08-30T12:36:00Z"));
        assertThat(AmzDate.format(Instant.parse("2015-08-30T12:36:00.999Z"))).isEqualTo("20150830T123600Z");
        assertThat(AmzDate.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("00010101T000000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20150830T123600", "20150830T123600z", "20150830 123600Z", "20150230T123600Z",
            "20151330T123600Z", "20150830T246000Z", "2015083OT123600Z", "+0150830T123600Z", "20150830T123600ZZ"})
    void rejectsAnythingElse(String text) {
        assertThat(AmzDate.parse(text)).isEmpty();
    }

    @Test
    void roundTripsRandomInstants() {
        SplittableRandom random = new SplittableRandom(20261123);
        for (int i = 0; i < 2000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L));
            assertThat(AmzDate.parse(AmzDate.format(t))).as("seed 20261123, %s", t).contains(t);
        }
    }

    @Test
    void parsesHttpDates() {
        assertThat(AmzDate.parseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT")).contains(Instant.parse("2015-08-30T12:36:00Z"));
        assertThat(AmzDate.parseHttpDate("yesterday")).isEmpty();
    }
}
