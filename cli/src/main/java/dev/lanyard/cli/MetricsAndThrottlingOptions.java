package dev.lanyard.cli;

import dev.lanyard.pipeline.RequestRate;
import dev.lanyard.pipeline.Throttling;
import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.MetricsSettings;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The serve flags for /metrics and for the request rates callers are held to. */
final class MetricsAndThrottlingOptions {
    private static final String RATE = "RATE[:BURST]|off";

    // Switches default to off: a configuration file or LANYARD_* variable can only switch a setting on.
    @Option(names = "--no-metrics", description = "Do not serve /metrics (by default it is served in Prometheus's"
            + " text format, unauthenticated like /health).")
    boolean noMetrics;

    @Option(names = "--metrics-port", description = "Serve /metrics on this port of --host instead of the API's"
            + " (0 picks a free one), so that a firewall can keep it from clients.")
    Optional<Integer> metricsPort;

    @Option(names = "--no-throttling", description = "Turn off every request rate below (by default callers are"
            + " held to them).")
    boolean noThrottling;

    @Option(names = "--sts-rate", paramLabel = RATE, description = "STS requests a second per account, with bursts"
            + " of BURST (default 600:600, AWS's STS request quota).")
    Optional<String> stsRate;

    @Option(names = "--iam-rate", paramLabel = RATE, description = "IAM requests a second per account (default"
            + " 100:100).")
    Optional<String> iamRate;

    @Option(names = "--s3-rate", paramLabel = RATE, description = "S3 gateway requests a second per account (an"
            + " anonymous request's: per source address), answered SlowDown past it (default 5500:5500).")
    Optional<String> s3Rate;

    @Option(names = "--unsigned-rate", paramLabel = RATE, description = "Unsigned calls (AssumeRoleWithWebIdentity,"
            + " AssumeRoleWithSAML) a second per source address (default 50:200).")
    Optional<String> unsignedRate;

    @Option(names = "--failed-auth-rate", paramLabel = RATE, description = "Refused signatures and credentials a"
            + " second per source address; past it the source's signed requests are throttled unchecked (default"
            + " 10:100).")
    Optional<String> failedAuthRate;

    @Option(names = "--authorize-rate", paramLabel = RATE, description = "Authorization API calls a second per"
            + " asking service's account (default 50000:50000).")
    Optional<String> authorizeRate;

    LanyardConfig apply(LanyardConfig config) {
        MetricsSettings metricsSettings = new MetricsSettings(!noMetrics, metricsPort);
        Throttling defaults = noThrottling ? Throttling.OFF : Throttling.DEFAULTS;
        Throttling limits = new Throttling(rate("--sts-rate", stsRate, defaults.stsPerAccount()),
                rate("--iam-rate", iamRate, defaults.iamPerAccount()),
                rate("--s3-rate", s3Rate, defaults.s3PerAccount()),
                rate("--unsigned-rate", unsignedRate, defaults.unsignedPerSource()),
                rate("--failed-auth-rate", failedAuthRate, defaults.failedAuthenticationPerSource()),
                rate("--authorize-rate", authorizeRate, defaults.authorizePerAccount()),
                defaults.maxTrackedKeys());
        return config.withMetrics(metricsSettings).withThrottling(limits);
    }

    private static Optional<RequestRate> rate(String flag, Optional<String> given, Optional<RequestRate> otherwise) {
        if (given.isEmpty()) {
            return otherwise;
        }
        if (given.get().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RequestRate.parse(given.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
