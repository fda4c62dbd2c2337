package dev.lanyard.architecture;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK's ambient time and randomness, and the few places allowed to reach for them. Everything else is handed a
 * {@code Clock}/{@code InstantSource} and a {@code SecureRandom}/{@code RandomGenerator} by those places.
 */
final class AmbientCalls {
    private AmbientCalls() {}

    /** A JDK member that reads the system clock or seeds a generator of its own; {@code parameters} -1 means any. */
    record Call(String owner, String member, int parameters) {
        boolean matches(AccessTarget target) {
            if (!target.getOwner().getName().equals(owner) || !target.getName().equals(member)) {
                return false;
            }
            return parameters < 0 || target instanceof CodeUnitAccessTarget unit
                    && unit.getRawParameterTypes().size() == parameters;
        }

        @Override
        public String toString() {
            String simple = owner.substring(owner.lastIndexOf('.') + 1);
            return member.equals("<init>") ? "new " + simple + "(…)" : simple + "." + member + "(…)";
        }
    }

    private static final int ANY = -1;
    private static final String CONSTRUCTOR = "<init>";

    static final List<Call> BANNED = List.of(
            // wall-clock time
            new Call("java.time.Instant", "now", ANY),
            new Call("java.time.LocalDate", "now", ANY),
            new Call("java.time.LocalDateTime", "now", ANY),
            new Call("java.time.LocalTime", "now", ANY),
            new Call("java.time.OffsetDateTime", "now", ANY),
            new Call("java.time.OffsetTime", "now", ANY),
            new Call("java.time.ZonedDateTime", "now", ANY),
            new Call("java.time.Year", "now", ANY),
            new Call("java.time.YearMonth", "now", ANY),
            new Call("java.time.MonthDay", "now", ANY),
            new Call("java.time.Clock", "systemUTC", ANY),
            new Call("java.time.Clock", "systemDefaultZone", ANY),
            new Call("java.time.Clock", "system", ANY),
            new Call("java.time.Clock", "tickMillis", ANY),
            new Call("java.time.Clock", "tickSeconds", ANY),
            new Call("java.time.Clock", "tickMinutes", ANY),
            new Call("java.time.InstantSource", "system", ANY),
            new Call("java.lang.System", "currentTimeMillis", ANY),
            new Call("java.lang.System", "nanoTime", ANY),
            new Call("java.util.Date", CONSTRUCTOR, 0),
            new Call("java.util.Calendar", "getInstance", ANY),
            // randomness
            new Call("java.util.UUID", "randomUUID", ANY),
            new Call("java.security.SecureRandom", CONSTRUCTOR, ANY),
            new Call("java.security.SecureRandom", "getInstance", ANY),
            new Call("java.security.SecureRandom", "getInstanceStrong", ANY),
            // seeded from the system; the seeded constructors are deterministic, and fine
            new Call("java.util.Random", CONSTRUCTOR, 0),
            new Call("java.util.SplittableRandom", CONSTRUCTOR, 0),
            new Call("java.util.concurrent.ThreadLocalRandom", "current", ANY),
            new Call("java.util.random.RandomGenerator", "getDefault", ANY),
            new Call("java.util.random.RandomGenerator", "of", ANY),
            new Call("java.util.random.RandomGeneratorFactory", "getDefault", ANY),
            new Call("java.util.random.RandomGeneratorFactory", "of", ANY),
            new Call("java.lang.Math", "random", ANY),
            new Call("java.lang.StrictMath", "random", ANY),
            new Call("java.util.Collections", "shuffle", 1));

    /**
     * A place that owns ambient time or randomness: a class (with its nested classes) or a package ending in a dot,
     * the calls it may make, and why.
     */
    record Allowance(String place, Set<Call> calls, String why) {
        boolean covers(String className, Call call) {
            boolean here = place.endsWith(".") ? className.startsWith(place)
                    : className.equals(place) || className.startsWith(place + "$");
            return here && calls.contains(call);
        }
    }

    static final List<Allowance> ALLOWED = List.of(
            new Allowance("dev.lanyard.server.LanyardServer",
                    Set.of(call("java.time.Clock", "systemUTC"), call("java.security.SecureRandom", CONSTRUCTOR)),
                    "the composition root: it chooses the system clock and the one SecureRandom that every component"
                            + " is given (tests start it with their own clock)"),
            new Allowance("dev.lanyard.server.RequestIds",
                    Set.of(call("java.util.concurrent.ThreadLocalRandom", "current")),
                    "x-amzn-RequestId: request IDs are not secrets, and the per-thread generator avoids the shared"
                            + " SecureRandom's lock on every request (measured: a quarter of AssumeRole's CPU)"),
            new Allowance("dev.lanyard.s3gateway.S3Gateway",
                    Set.of(call("java.util.concurrent.ThreadLocalRandom", "current")),
                    "x-amz-request-id of the S3 gateway, for the same reason as the Query API's request IDs"),
            new Allowance("dev.lanyard.cli.", Set.copyOf(BANNED),
                    "the command: each subcommand is the composition root of a one-shot process, and nothing depends"
                            + " on cli/ (NOTHING_DEPENDS_ON_THE_CLI)"));

    private static Call call(String owner, String member) {
        return BANNED.stream().filter(c -> c.owner().equals(owner) && c.member().equals(member)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(owner + "." + member + " is not banned"));
    }

    static Optional<Call> of(AccessTarget target) {
        return BANNED.stream().filter(c -> c.matches(target)).findFirst();
    }

    static boolean allowed(String className, Call call) {
        return ALLOWED.stream().anyMatch(a -> a.covers(className, call));
    }
}
