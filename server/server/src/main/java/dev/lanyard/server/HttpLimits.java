package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long a client may hold a connection without making progress, so that slow senders (slowloris) and slow
 * readers cannot pin connections forever. Each limit closes the connection when it passes.
 *
 * @param idle between requests: from the end of one answer (or the connection's start) to the first byte of the next
 *     request
 * @param requestRead from the first byte of a request until its headers and body have all arrived, however the bytes
 *     trickle in
 * @param responseWrite for writing an answer, against clients that stop reading
 */
public record HttpLimits(Duration idle, Duration requestRead, Duration responseWrite) {
    public static final int DEFAULT_IDLE_SECONDS = 60;
    public static final int DEFAULT_REQUEST_READ_SECONDS = 30;
    public static final int DEFAULT_RESPONSE_WRITE_SECONDS = 30;
    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(DEFAULT_IDLE_SECONDS),
            Duration.ofSeconds(DEFAULT_REQUEST_READ_SECONDS), Duration.ofSeconds(DEFAULT_RESPONSE_WRITE_SECONDS));

    public HttpLimits {
        requireNonNull(idle, "idle is null");
        requireNonNull(requestRead, "requestRead is null");
        requireNonNull(responseWrite, "responseWrite is null");
        for (Duration limit : new Duration[] {idle, requestRead, responseWrite}) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("HTTP limits must be positive: " + this);
            }
        }
    }

    /** How often the watchdog ticks: a quarter of the shortest limit, within 50 ms .. 1 s. */
    Duration checkPeriod() {
        Duration shortest = idle.compareTo(requestRead) < 0 ? idle : requestRead;
        shortest = shortest.compareTo(responseWrite) < 0 ? shortest : responseWrite;
        Duration quarter = shortest.dividedBy(4);
        Duration floor = Duration.ofMillis(50);
        Duration ceiling = Duration.ofSeconds(1);
        return quarter.compareTo(floor) < 0 ? floor : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
    }
}
