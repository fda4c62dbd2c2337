package dev.lanyard.query.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * AWS timestamp text: {@code 2019-11-01T20:26:47Z}, or {@code 2019-07-15T23:28:33.359Z} when the milliseconds are not
 * zero. Written by hand because it runs for every credential response.
 */
public final class Timestamps {
    private Timestamps() {}

    public static void appendIso(ByteSink out, Instant t) {
        LocalDateTime dt = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = dt.getYear();
        if (year < 0 || year > 9999) {
            // ISO_INSTANT's signed/expanded years; never reached by real credentials.
            out.ascii(DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS)));
            return;
        }
        digits(out, year, 4).asciiByte('-');
        digits(out, dt.getMonthValue(), 2).asciiByte('-');
        digits(out, dt.getDayOfMonth(), 2).asciiByte('T');
        digits(out, dt.getHour(), 2).asciiByte(':');
        digits(out, dt.getMinute(), 2).asciiByte(':');
        digits(out, dt.getSecond(), 2);
        int millis = t.getNano() / 1_000_000;
        if (millis != 0) {
            digits(out.asciiByte('.'), millis, 3);
        }
        out.asciiByte('Z');
    }

    public static String iso(Instant t) {
        ByteSink sink = new ByteSink(32);
        appendIso(sink, t);
        return new String(sink.toByteArray(), StandardCharsets.US_ASCII);
    }

    private static ByteSink digits(ByteSink out, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.asciiByte('0' + (value / divisor) % 10);
        }
        return out;
    }
}
