package dev.lanyard.authorizer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IAM authorization for a JVM service in a few lines: for each SigV4-signed request the service receives, ask
 * Lanyard's authorization API (signed with the service's own Lanyard credentials) who signed it and whether IAM
 * allows the action on the resource.
 *
 * <pre>{@code
 * LanyardAuthorizer authorizer = LanyardAuthorizer.builder(URI.create("https://lanyard.example.com"), keyId,
 *         SecretAccessKey.of(secret), Clock.systemUTC()).build();
 * AuthorizationDecision decision = authorizer.authorize(AuthorizationQuestion.of("GET", rawPath, rawQuery,
 *         headers, body, "orders:GetOrder", "arn:aws:orders:us-east-1:111122223333:order/42", clientIp, true));
 * if (!decision.allowed()) { reply(decision.error().get()); }
 * }</pre>
 *
 * Answers are cached, keyed by the whole question (the client's signature included), for a short time and never past
 * the signature's own window, so a replayed request is asked about again once Lanyard would refuse it. Thread-safe.
 */
public final class LanyardAuthorizer {
    /** Lanyard accepts a signature within 15 minutes of its date; cached answers end a minute earlier (clock skew). */
    static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(14);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final SigV4Signer signer;
    private final String region;
    private final InstantSource clock;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration cacheTtl;
    private final DecisionCache<AuthorizationDecision> cache;

    private LanyardAuthorizer(Builder builder) {
        this.endpoint = builder.endpoint.resolve("/authorize/v1");
        this.signer = new SigV4Signer(builder.accessKeyId, builder.secret, builder.sessionToken);
        this.region = builder.region;
        this.clock = builder.clock;
        this.http = builder.http.orElseGet(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.requestTimeout).build());
        this.requestTimeout = builder.requestTimeout;
        this.cacheTtl = builder.cacheTtl;
        this.cache = new DecisionCache<>(builder.cacheCapacity, clock);
    }

    /** {@code endpoint} is Lanyard's API listener; the key is the service's own, allowed {@code lanyard:Authorize}. */
    public static Builder builder(URI endpoint, String accessKeyId, SecretAccessKey secret, InstantSource clock) {
        return new Builder(endpoint, accessKeyId, secret, clock);
    }

    /**
     * Lanyard's verdict on the request, from the cache when the same question was answered within the cache's time.
     *
     * @throws AuthorizationApiException when the service's own call is refused or Lanyard cannot be reached
     */
    public AuthorizationDecision authorize(AuthorizationQuestion question) {
        String body = body(question).toString();
        String key = Sha256.hex(body);
        Optional<AuthorizationDecision> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        AuthorizationDecision decision = ask(body);
        cacheUntil(question).ifPresent(until -> cache.put(key, decision, until));
        return decision;
    }

    /** How many answers the cache holds. */
    public int cachedAnswers() {
        return cache.size();
    }

    /** Until the cache's time ends, and never past the client's signature window (a replay must be asked again). */
    private Optional<Instant> cacheUntil(AuthorizationQuestion question) {
        Optional<SignedRequest> signed;
        try {
            signed = SignedRequest.parse(new HttpRequestParts(question.method(), question.rawPath(),
                    question.rawQuery(), question.headers()));
        } catch (AwsException malformed) {
            return Optional.empty();
        }
        return signed.map(s -> {
            Instant windowEnd = s.requestTime().plus(SIGNATURE_WINDOW);
            Instant until = clock.instant().plus(cacheTtl);
            Instant presignedEnd = s.expires().map(e -> s.requestTime().plus(e)).orElse(windowEnd);
            return min(min(until, windowEnd), presignedEnd);
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private AuthorizationDecision ask(String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(endpoint.getRawAuthority()));
        headers.put("Content-Type", List.of("application/json"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = signer.signHeaders(new HttpRequestParts("POST", endpoint.getRawPath(), "",
                headers, bytes), region, "lanyard", clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signature.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthorizationApiException("cannot reach Lanyard at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthorizationApiException("interrupted while asking Lanyard", e);
        }
        JsonNode answer = parse(response.body(), response.statusCode());
        if (response.statusCode() != 200) {
            throw new AuthorizationApiException(answer.path("__type").asText("Unknown"),
                    answer.path("message").asText(""), response.statusCode());
        }
        return decision(answer);
    }

    private static JsonNode parse(String body, int status) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AuthorizationApiException("InvalidResponse", "Lanyard answered " + status + " with no JSON",
                    status);
        }
    }

    /** The question on the wire (docs/authorization-api.md), names sorted so equal questions are equal bytes. */
    private static ObjectNode body(AuthorizationQuestion question) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode request = body.putObject("Request");
        request.put("Method", question.method()).put("Path", question.rawPath()).put("Query", question.rawQuery());
        ObjectNode headers = request.putObject("Headers");
        new TreeMap<>(question.headers()).forEach((name, values) -> {
            ArrayNode list = headers.putArray(name);
            values.forEach(list::add);
        });
        request.put("PayloadHash", question.bodySha256());
        body.put("Action", question.action()).put("Resource", question.resource());
        question.resourcePolicy().ifPresent(policy -> body.put("ResourcePolicy", policy));
        if (!question.context().isEmpty()) {
            ObjectNode context = body.putObject("Context");
            new TreeMap<>(question.context()).forEach((key, values) -> {
                ArrayNode list = context.putArray(key);
                values.forEach(list::add);
            });
        }
        return body.put("SourceIp", question.sourceIp()).put("SecureTransport", question.secureTransport());
    }

    private static AuthorizationDecision decision(JsonNode answer) {
        Optional<AuthorizationDecision.Principal> principal = Optional.ofNullable(answer.get("Principal"))
                .map(p -> new AuthorizationDecision.Principal(p.path("Account").asText(), p.path("Arn").asText(),
                        p.path("UserId").asText(), p.path("PrincipalArn").asText(), p.path("PrincipalType").asText(),
                        p.path("AccessKeyId").asText(), strings(p.path("SessionTags")),
                        strings(p.path("PrincipalTags")), Optional.ofNullable(p.get("SourceIdentity"))
                        .map(JsonNode::asText), p.path("MultiFactorAuthPresent").asBoolean(false)));
        List<AuthorizationDecision.DecidingStatement> statements = new ArrayList<>();
        answer.path("DecidingStatements").forEach(s -> statements.add(new AuthorizationDecision.DecidingStatement(
                s.path("PolicyType").asText(), s.path("PolicyName").asText(), s.path("StatementIndex").asInt(),
                Optional.ofNullable(s.get("Sid")).map(JsonNode::asText), s.path("Effect").asText())));
        Optional<AuthorizationDecision.ClientError> error = Optional.ofNullable(answer.get("Error"))
                .map(e -> new AuthorizationDecision.ClientError(e.path("Code").asText(), e.path("Message").asText(),
                        e.path("HttpStatus").asInt(403)));
        boolean allowed = answer.path("Allowed").asBoolean(false) && error.isEmpty();
        return new AuthorizationDecision(allowed, answer.path("Decision").asText("Unknown"), principal, statements,
                error, answer.path("RequestId").asText(""));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** Settings; the defaults suit most services. */
    public static final class Builder {
        private final URI endpoint;
        private final String accessKeyId;
        private final SecretAccessKey secret;
        private final InstantSource clock;
        private Optional<String> sessionToken = Optional.empty();
        private String region = "us-east-1";
        private Optional<HttpClient> http = Optional.empty();
        private Duration requestTimeout = Duration.ofSeconds(2);
        private int cacheCapacity = 10_000;
        private Duration cacheTtl = Duration.ofSeconds(5);

        private Builder(URI endpoint, String accessKeyId, SecretAccessKey secret, InstantSource clock) {
            this.endpoint = requireNonNull(endpoint, "endpoint is null");
            this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId is null");
            this.secret = requireNonNull(secret, "secret is null");
            this.clock = requireNonNull(clock, "clock is null");
        }

        /** For temporary credentials of the service. */
        public Builder sessionToken(String token) {
            this.sessionToken = Optional.of(token);
            return this;
        }

        /** The region the service's calls are signed for: Lanyard's (default us-east-1). */
        public Builder region(String name) {
            this.region = requireNonNull(name, "name is null");
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.http = Optional.of(client);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /**
         * At most {@code capacity} answers (0: no cache), each for at most {@code ttl}: a revoked permission or
         * session can still be allowed from the cache for that long.
         */
        public Builder cache(int capacity, Duration ttl) {
            this.cacheCapacity = capacity;
            this.cacheTtl = requireNonNull(ttl, "ttl is null");
            return this;
        }

        public LanyardAuthorizer build() {
            return new LanyardAuthorizer(this);
        }
    }
}
