package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authorizeapi.ServiceCatalogue.DeclaredService;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SignedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * nginx's {@code auth_request} subrequest, {@code /authorize/v1/nginx/<prefix>}: nginx passes the client's request on
 * (its headers as they came, the request line and Host in {@code X-Original-*} headers) without its body, and reads
 * the answer's status (200 allow, 401 unauthenticated, 403 denied) and identity headers.
 *
 * <p>Only signed bytes decide: the method, path, query and Host nginx reports are covered by the client's signature,
 * and the action and resource come from the catalogue's routes over them. nginx itself is trusted, by its address
 * (the service's {@code TrustedProxies}), for what no signature can cover: the client's address and that the request
 * had no body. A request with a body is refused, since its body never reaches Lanyard.
 */
final class NginxAuthRequest {
    static final String PATH_PREFIX = AuthorizeEndpoint.PATH + "/nginx/";
    static final String ORIGINAL_METHOD = "X-Original-Method";
    static final String ORIGINAL_URI = "X-Original-URI";
    static final String ORIGINAL_HOST = "X-Original-Host";
    static final String ORIGINAL_REMOTE_ADDR = "X-Original-Remote-Addr";
    /**
     * {@code "$http_content_length/$http_transfer_encoding"}: never empty, so a configuration that forgets it is
     * refused rather than read as "no body" (nginx drops headers set to an empty value).
     */
    static final String ORIGINAL_BODY = "X-Original-Body";
    static final String ORIGINAL_SCHEME = "X-Original-Scheme";
    /** Headers of the subrequest that are nginx's, not the client's. */
    private static final Set<String> PROXY_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final IamStore store;
    private final ServiceCatalogue catalogue;
    private final ClientDecisions decisions;
    private final Throttles throttles;
    private final Partition partition;

    NginxAuthRequest(IamStore store, ServiceCatalogue catalogue, ClientDecisions decisions, Throttles throttles,
            Partition partition) {
        this.store = requireNonNull(store, "store is null");
        this.partition = requireNonNull(partition, "partition is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.throttles = requireNonNull(throttles, "throttles is null");
    }

    /** The outcome: the question it became (when it got that far) and the verdict. */
    record Outcome(Optional<Question> question, Verdict verdict) {}

    /**
     * @throws AwsException when nginx's call itself is wrong (an untrusted address, an undeclared service, a missing
     *     header): answered 403, which nginx turns into a refusal
     */
    Outcome decide(HttpExchange exchange, String requestId) {
        String prefix = exchange.rawPath().substring(PATH_PREFIX.length());
        DeclaredService service = catalogue.service(prefix).orElseThrow(
                () -> AuthorizeErrors.undeclaredService(prefix));
        if (!service.trustedProxies().contains(exchange.remoteAddress())) {
            throw AuthorizeErrors.untrustedProxy(exchange.remoteAddress(), prefix);
        }
        String body = required(exchange, ORIGINAL_BODY);
        HttpRequestParts request = original(exchange, body);
        String sourceIp = required(exchange, ORIGINAL_REMOTE_ADDR);
        boolean secure = exchange.header(ORIGINAL_SCHEME).map("https"::equalsIgnoreCase).orElse(false);
        if (hasBody(body)) {
            return new Outcome(Optional.empty(), Verdict.unauthenticated(AuthorizeErrors.bodyThroughNginx()));
        }
        // The client is held as a direct caller is: its address's refused authentications before any signature work.
        try {
            AuthorizeEndpoint.throttled(() -> throttles.checkAuthenticationAllowed(sourceIp,
                    Observations.FrontEnd.AUTHORIZE));
        } catch (AwsException e) {
            return new Outcome(Optional.empty(), Verdict.unauthenticated(e));
        }
        Optional<SignedRequest> signed;
        try {
            signed = SignedRequest.parse(request);
        } catch (AwsException e) {
            return new Outcome(Optional.empty(), Verdict.unauthenticated(e));
        }
        String region = signed.map(SignedRequest::region).orElse("");
        Optional<Question> question = service.routes().stream()
                .flatMap(route -> route.resourceOf(request.method(), request.rawPath(), partition, region,
                        service.account().value()).map(resource -> Question.of(service,
                                service.prefix() + ":" + route.action(), resource, Optional.empty(), Map.of()))
                        .stream())
                .findFirst();
        if (question.isEmpty()) {
            return new Outcome(Optional.empty(), Verdict.unauthenticated(
                    AuthorizeErrors.noRoute(prefix, request.method(), request.rawPath())));
        }
        ClientDecisions.Received received = new ClientDecisions.Received(request, EMPTY_SHA256, sourceIp, secure);
        IamSnapshot snapshot = store.snapshot();
        Verdict verdict = decisions.decide(snapshot, question.get(), received, requestId, caller ->
                AuthorizeEndpoint.throttled(() -> throttles.authorizeCall(caller.account(),
                        Observations.FrontEnd.AUTHORIZE)));
        if (verdict.kind() == Verdict.Kind.UNAUTHENTICATED && verdict.error().map(AwsException::errorCode)
                .filter(code -> code == ErrorCode.THROTTLING_EXCEPTION).isEmpty()) {
            throttles.authenticationFailed(sourceIp);
        }
        return new Outcome(question, verdict);
    }

    /**
     * The client's request as nginx received it: its request line and Host from nginx, its other headers as sent, and
     * the {@code Content-Length: 0} nginx removed from the subrequest (clients that sign it send it with no body).
     */
    private static HttpRequestParts original(HttpExchange exchange, String body) {
        String uri = required(exchange, ORIGINAL_URI);
        int query = uri.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!PROXY_HEADERS.contains(lower) && !lower.startsWith("x-original-")) {
                headers.put(name, values);
            }
        });
        headers.put("Host", List.of(required(exchange, ORIGINAL_HOST)));
        if (body.startsWith("0/")) {
            headers.put("Content-Length", List.of("0"));
        }
        return new HttpRequestParts(required(exchange, ORIGINAL_METHOD), query < 0 ? uri : uri.substring(0, query),
                query < 0 ? "" : uri.substring(query + 1), headers);
    }

    private static boolean hasBody(String lengthAndEncoding) {
        int slash = lengthAndEncoding.indexOf('/');
        if (slash < 0) {
            throw AuthorizeErrors.nginxHeaderMalformed(ORIGINAL_BODY);
        }
        String length = lengthAndEncoding.substring(0, slash);
        return !(length.isEmpty() || length.equals("0")) || slash + 1 < lengthAndEncoding.length();
    }

    private static String required(HttpExchange exchange, String header) {
        return exchange.header(header).filter(v -> !v.isEmpty()).orElseThrow(
                () -> AuthorizeErrors.nginxHeaderMissing(header));
    }

    /** nginx's answer: the status it acts on, the caller's identity for upstream, the error for the client. */
    static HttpReply reply(Verdict verdict, Optional<Question> question, String requestId) {
        int status = switch (verdict.kind()) {
            case ALLOWED -> 200;
            case UNAUTHENTICATED -> 401;
            case EXPLICIT_DENY, IMPLICIT_DENY -> 403;
        };
        HttpReply reply = new HttpReply(status, "application/json", requestId,
                verdict.toJson(requestId).toString().getBytes(StandardCharsets.UTF_8));
        if (verdict.caller().isPresent()) {
            reply = identity(reply, verdict.caller().get());
        }
        if (question.isPresent()) {
            reply = reply.withHeader("X-Lanyard-Action", question.get().actionName())
                    .withHeader("X-Lanyard-Resource", question.get().request().resource());
        }
        if (verdict.error().isPresent()) {
            AwsException error = verdict.error().get();
            reply = reply.withHeader("X-Lanyard-Error-Code", error.errorCode().code())
                    .withHeader("X-Lanyard-Error-Message", headerSafe(error.getMessage()));
        }
        return reply;
    }

    /** nginx's own call is wrong: 403 (nginx answers 500 for anything but 401 and 403), with the reason. */
    static HttpReply callRefused(AwsException error, String requestId) {
        return new HttpReply(403, "application/json", requestId, new byte[0])
                .withHeader("X-Lanyard-Error-Code", error.errorCode().code())
                .withHeader("X-Lanyard-Error-Message", headerSafe(error.getMessage()));
    }

    private static HttpReply identity(HttpReply reply, Caller caller) {
        HttpReply with = reply.withHeader("X-Lanyard-Principal-Arn", caller.arn())
                .withHeader("X-Lanyard-Account", caller.account().value())
                .withHeader("X-Lanyard-User-Id", caller.userId())
                .withHeader("X-Lanyard-Principal-Type", caller.principalType().wireName())
                .withHeader("X-Lanyard-Access-Key-Id", caller.accessKeyId().value())
                .withHeader("X-Lanyard-Mfa", Boolean.toString(caller.session()
                        .flatMap(s -> s.mfaAuthenticatedAt()).isPresent()))
                .withHeader("X-Lanyard-Session-Tags", caller.session().map(s -> s.tags().stream()
                        .map(t -> encode(t.key()) + "=" + encode(t.value())).collect(Collectors.joining("&")))
                        .orElse(""));
        Optional<String> sourceIdentity = caller.session().flatMap(s -> s.sourceIdentity());
        return sourceIdentity.map(s -> with.withHeader("X-Lanyard-Source-Identity", encode(s))).orElse(with);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * A header value of printable ASCII only, without quotes or backslashes: an error message may quote what the
     * client sent, and nginx's error page writes it into a JSON string.
     */
    private static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder();
        text.codePoints().forEach(c -> safe.append(switch (c) {
            case '"' -> '\'';
            case '\\' -> '/';
            default -> c >= 0x20 && c < 0x7f ? (char) c : '?';
        }));
        return safe.toString();
    }
}
