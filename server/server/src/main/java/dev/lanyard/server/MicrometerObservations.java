package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.iam.spi.Observations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pipeline's {@link Observations} as Micrometer meters, scraped in Prometheus's text format. Every label value
 * comes from a finite set checked here (the served actions, the error catalogues, enums), whatever a front end
 * hands in: a value outside it is counted as "Unknown" or "other", so no caller, key, bucket or path can ever become a
 * label, and the number of series is bounded by the code, not by the traffic.
 */
final class MicrometerObservations implements Observations, AutoCloseable {
    static final String UNKNOWN_ACTION = "Unknown";
    static final String OTHER_OUTCOME = "other";
    /** The STS actions whose success issues a set of temporary credentials. */
    private static final Set<String> ISSUING = Set.of("AssumeRole", "AssumeRoleWithWebIdentity",
            "AssumeRoleWithSAML", "GetSessionToken", "GetFederationToken");
    private static final Set<String> SERVICES = Set.of("sts", "iam", "organizations", "s3");
    private static final Set<String> OUTCOMES = Stream.concat(Stream.of("ok"), Stream.concat(
            Arrays.stream(ErrorCode.values()).map(ErrorCode::code),
            Arrays.stream(S3ErrorCode.values()).map(S3ErrorCode::code))).collect(Collectors.toUnmodifiableSet());
    /** Request latency buckets, in seconds: enough to see the hot path and the slow tail, few enough series. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0).map(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    private static final Duration[] EVALUATION_BUCKETS = Stream.of(0.00001, 0.000025, 0.00005, 0.0001, 0.00025,
            0.0005, 0.001, 0.0025, 0.01).map(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<Set<String>> servedActions;
    /** The meters of each served action, by front end, service and action as the pipeline names them. */
    private final Map<FrontEnd, Map<String, Map<String, ActionMeters>>> served;
    /** The same meters by bounded labels: every action ever counted, served or "Unknown". */
    private final Map<ActionKey, ActionMeters> byLabels = new ConcurrentHashMap<>();
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Map<FrontEnd, Map<AuthenticationFailure, Counter>> authenticationFailures;
    private final Map<FrontEnd, Map<ThrottleScope, Counter>> throttled;
    private final Timer policyEvaluation;
    private final Counter jwksFetches;
    private final Counter jwksFailures;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private record ActionKey(FrontEnd frontEnd, String service, String action) {}

    /**
     * One action's latency timer and its counters by outcome, found once per request by plain lookups of the names the
     * pipeline hands in: no key object, label string or set of served actions per request (a profile put 3-4% of a
     * GetCallerIdentity's CPU in those).
     */
    private final class ActionMeters {
        private final ActionKey key;
        private final Timer latency;
        private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
        private final Optional<Counter> issuedCredentials;

        ActionMeters(ActionKey key) {
            this.key = key;
            this.latency = Timer.builder("lanyard.request.duration").description("Time to answer a request")
                    .tag("front_end", label(key.frontEnd())).tag("service", key.service()).tag("action", key.action())
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
            this.issuedCredentials = key.service().equals("sts") && ISSUING.contains(key.action())
                    ? Optional.of(issued(key.action())) : Optional.empty();
        }

        void finished(Timer.Sample sample, String outcome) {
            sample.stop(latency);
            Counter counter = outcomes.get(outcome);
            if (counter == null) {
                counter = outcome(OUTCOMES.contains(outcome) ? outcome : OTHER_OUTCOME);
            }
            counter.increment();
            if (outcome.equals("ok")) {
                issuedCredentials.ifPresent(Counter::increment);
            }
        }

        /** Only bounded outcomes become keys: an unknown one is looked up as "other" each time. */
        private Counter outcome(String bounded) {
            return outcomes.computeIfAbsent(bounded, o -> Counter.builder("lanyard.requests")
                    .description("Requests answered, by outcome").tag("front_end", label(key.frontEnd()))
                    .tag("service", key.service()).tag("action", key.action()).tag("outcome", o).register(registry));
        }
    }

    /** {@code servedActions} as "service:Action", read when a request finishes (after the operations exist). */
    MicrometerObservations(Supplier<Set<String>> servedActions) {
        this.servedActions = requireNonNull(servedActions, "servedActions is null");
        this.served = new EnumMap<>(FrontEnd.class);
        for (FrontEnd frontEnd : FrontEnd.values()) {
            served.put(frontEnd, new ConcurrentHashMap<>());
        }
        this.authenticationFailures = perFrontEnd(AuthenticationFailure.class, (frontEnd, reason) -> Counter
                .builder("lanyard.authentication.failures").description("Signed requests not authenticated, by reason")
                .tag("front_end", label(frontEnd)).tag("reason", label(reason)).register(registry));
        this.throttled = perFrontEnd(ThrottleScope.class, (frontEnd, scope) -> Counter
                .builder("lanyard.throttled.requests").description("Requests refused with Throttling or SlowDown")
                .tag("front_end", label(frontEnd)).tag("scope", label(scope)).register(registry));
        this.policyEvaluation = Timer.builder("lanyard.policy.evaluation")
                .description("Time to decide one request against its policies")
                .serviceLevelObjectives(EVALUATION_BUCKETS).register(registry);
        this.jwksFetches = Counter.builder("lanyard.jwks.fetches")
                .description("OIDC discovery and JWKS documents fetched").register(registry);
        this.jwksFailures = Counter.builder("lanyard.jwks.fetch.failures")
                .description("OIDC discovery and JWKS fetches that failed").register(registry);
        for (String action : ISSUING) {
            issued(action);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private interface MeterFactory<E> {
        Counter create(FrontEnd frontEnd, E value);
    }

    private static <E extends Enum<E>> Map<FrontEnd, Map<E, Counter>> perFrontEnd(Class<E> type,
            MeterFactory<E> factory) {
        return Arrays.stream(FrontEnd.values()).collect(Collectors.toUnmodifiableMap(frontEnd -> frontEnd,
                frontEnd -> Arrays.stream(type.getEnumConstants()).collect(Collectors.toUnmodifiableMap(
                        value -> value, value -> factory.create(frontEnd, value)))));
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public RequestTimer requestStarted(FrontEnd frontEnd) {
        Timer.Sample sample = Timer.start(registry);
        return (service, action, outcome) -> finished(frontEnd, sample, service, action, outcome);
    }

    private void finished(FrontEnd frontEnd, Timer.Sample sample, String service, String action, String outcome) {
        Map<String, ActionMeters> actions = served.get(frontEnd).get(service);
        ActionMeters meters = actions == null ? null : actions.get(action);
        if (meters == null) {
            meters = bounded(frontEnd, service, action);
        }
        meters.finished(sample, outcome);
    }

    /**
     * The meters of an action first seen: its labels bounded (a service outside the known ones is "other", an action
     * not served "Unknown"); only a served action is remembered under the name it came with.
     */
    private ActionMeters bounded(FrontEnd frontEnd, String service, String action) {
        String boundedService = SERVICES.contains(service) ? service : OTHER_OUTCOME;
        boolean isServed = servedActions.get().contains(boundedService + ":" + action);
        ActionMeters meters = byLabels.computeIfAbsent(new ActionKey(frontEnd, boundedService,
                isServed ? action : UNKNOWN_ACTION), ActionMeters::new);
        if (isServed) {
            served.get(frontEnd).computeIfAbsent(service, s -> new ConcurrentHashMap<>()).putIfAbsent(action, meters);
        }
        return meters;
    }

    private Counter issued(String operation) {
        return issued.computeIfAbsent(operation, op -> Counter.builder("lanyard.credentials.issued")
                .description("Temporary credentials issued, by operation").tag("operation", op).register(registry));
    }

    @Override
    public void authenticationFailed(FrontEnd frontEnd, AuthenticationFailure reason) {
        authenticationFailures.get(frontEnd).get(reason).increment();
    }

    @Override
    public void throttled(FrontEnd frontEnd, ThrottleScope scope) {
        throttled.get(frontEnd).get(scope).increment();
    }

    @Override
    public <T> T policyEvaluation(Supplier<T> evaluation) {
        return policyEvaluation.record(evaluation);
    }

    /** One OIDC discovery or JWKS fetch, and whether it failed. */
    void jwksFetched(boolean failed) {
        jwksFetches.increment();
        if (failed) {
            jwksFailures.increment();
        }
    }

    /** A value read at each scrape, e.g. whether the store is reachable; {@code name} without the lanyard prefix. */
    <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder("lanyard." + name, source, value).description(description).register(registry);
    }

    /** Everything, in Prometheus's text exposition format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
