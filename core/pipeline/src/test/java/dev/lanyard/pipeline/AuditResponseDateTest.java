package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The response elements' dates written field by field read exactly as CloudTrail's pattern formats them. */
class AuditResponseDateTest {
    private static final DateTimeFormatter CLOUDTRAIL = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a",
            Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void everyInstantReadsAsTheFormatterWritesIt() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-06-30T12:00:00Z"), Instant.parse("2026-06-30T11:59:59.999Z"),
                Instant.parse("2026-12-31T23:59:59Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0000-12-31T23:59:59Z"), Instant.parse("-0042-03-01T13:05:09Z"),
                Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("1000-01-01T00:00:00Z")));
        SplittableRandom random = new SplittableRandom(15);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000)));
        }
        for (int hour = 0; hour < 24; hour++) {
            instants.add(Instant.parse("2026-12-08T00:00:00Z").plusSeconds(hour * 3600L + hour * 61L));
        }
        for (Instant instant : instants) {
            assertThat(AuditElements.responseDate(instant)).as("%s", instant).isEqualTo(CLOUDTRAIL.format(instant));
        }
    }
}
