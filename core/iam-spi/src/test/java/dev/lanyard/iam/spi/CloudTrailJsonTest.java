package dev.lanyard.iam.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CloudTrailJsonTest {

    private static String asInstantWritesIt(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void timesAreWrittenAsInstantWritesThemInWholeSeconds() {
        SplittableRandom random = new SplittableRandom(20261208);
        Stream<Instant> edges = Stream.of("0001-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z", "9999-12-31T23:59:59.5Z",
                "+10000-01-01T00:00:00Z", "-0001-06-01T12:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.9Z",
                "2024-02-29T23:59:59.999999999Z", "2026-12-08T09:05:03.123Z").map(Instant::parse);
        Stream<Instant> spread = random.longs(20_000, Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond())
                .mapToObj(s -> Instant.ofEpochSecond(s, random.nextInt(1_000_000_000)));
        Stream.concat(edges, spread).forEach(instant ->
                assertThat(CloudTrailJson.time(instant)).as("%s", instant).isEqualTo(asInstantWritesIt(instant)));
    }

    @Test
    void theFastYearsAreWrittenDigitByDigitAndTheOthersAsInstantDoes() {
        assertThat(CloudTrailJson.time(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(CloudTrailJson.time(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59Z");
        assertThat(CloudTrailJson.time(Instant.parse("+10000-01-01T00:00:01Z"))).isEqualTo("+10000-01-01T00:00:01Z");
        assertThat(CloudTrailJson.time(Instant.parse("0000-06-15T08:09:10Z"))).isEqualTo("0000-06-15T08:09:10Z");
    }
}
