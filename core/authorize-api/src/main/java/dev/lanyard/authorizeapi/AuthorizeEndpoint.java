package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanyard.authorizeapi.ServiceCatalogue.DeclaredService;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.AuditIdentities;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.pipeline.AuthenticationRefused;
import dev.lanyard.pipeline.CredentialsRejectedException;
import dev.lanyard.pipeline.HttpEndpoint;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.pipeline.RequestAuthenticator.Authenticated;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.PresignedLifetime;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The authorization API, {@code POST /authorize/v1} on the Query listener: a service that received a SigV4-signed
 * request asks who signed it and whether IAM allows the action on the resource. The call is itself signed with
 * Lanyard credentials (for the service name {@code lanyard}) and needs {@code lanyard:Authorize} on the service.
 * Errors in the call are AWS's JSON errors with their status; the verdict on the service's request, a refusal
 * included, is a 200. Both are audited: the call as {@code lanyard:Authorize}, the request as its own action.
 */
public final class AuthorizeEndpoint implements HttpEndpoint {
    /** Every version of the API lives under this path. */
    public static final String PATH_PREFIX = "/authorize/";
    public static final String PATH = PATH_PREFIX + "v1";
    /** The service name calls to this API are signed for. */
    public static final String SIGNING_NAME = "lanyard";
    static final String AUTHORIZE_ACTION = "lanyard:Authorize";
    private static final String JSON = "application/json";
    private static final System.Logger LOG = System.getLogger("dev.lanyard.authorizeapi");

    private final IamStore store;
    private final RequestAuthenticator authenticator;
    private final SigV4Verifier verifier;
    private final AccessControl access;
    private final ClientDecisions decisions;
    private final NginxAuthRequest nginx;
    private final ServiceCatalogue catalogue;
    private final Regions regions;
    private final InstantSource clock;
    private final AuditSink audit;
    private final int maxBodyBytes;
    private final Supplier<String> requestIds;
    private final Throttles throttles;
    private final Observations observations;

    /**
     * Holds askers to {@code throttles} as the Query APIs hold their callers: refused authentications per source
     * address (checked before any signature work) and calls per asking service's account. Requests through nginx's
     * auth_request, which has no account of its own, are held the same way by their clients: calls per the signing
     * caller's account, refused authentications per the client address nginx forwards.
     */
    public AuthorizeEndpoint(IamStore store, RequestAuthenticator authenticator, SigV4Verifier verifier,
            AccessControl access, ServiceCatalogue catalogue, Regions regions, InstantSource clock, AuditSink audit,
            int maxBodyBytes, Supplier<String> requestIds, Throttles throttles) {
        this(store, authenticator, verifier, access, catalogue, regions, clock, audit, maxBodyBytes, requestIds,
                throttles, Observations.NONE);
    }

    /** Reporting the askers' refused authentications to {@code observations}, by reason. */
    public AuthorizeEndpoint(IamStore store, RequestAuthenticator authenticator, SigV4Verifier verifier,
            AccessControl access, ServiceCatalogue catalogue, Regions regions, InstantSource clock, AuditSink audit,
            int maxBodyBytes, Supplier<String> requestIds, Throttles throttles, Observations observations) {
        this.observations = requireNonNull(observations, "observations is null");
        this.store = requireNonNull(store, "store is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.access = requireNonNull(access, "access is null");
        this.decisions = new ClientDecisions(authenticator, verifier, access, regions, clock);
        this.nginx = new NginxAuthRequest(store, catalogue, decisions, throttles);
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.maxBodyBytes = maxBodyBytes;
        this.requestIds = requireNonNull(requestIds, "requestIds is null");
        this.throttles = requireNonNull(throttles, "throttles is null");
        access.serviceAuthorization().require(AUTHORIZE_ACTION);
    }

    @Override
    public HttpReply handle(HttpExchange exchange) {
        String requestId = requestIds.get();
        if (exchange.rawPath().startsWith(NginxAuthRequest.PATH_PREFIX)) {
            return nginx(exchange, requestId);
        }
        Optional<Caller> asker = Optional.empty();
        try {
            checkMethodAndPath(exchange);
            if (exchange.body().length > maxBodyBytes) {
                throw AwsErrors.requestTooLarge(maxBodyBytes);
            }
            Authenticated authenticated = authenticateAsker(exchange);
            asker = Optional.of(authenticated.caller());
            throttled(() -> throttles.authorizeCall(authenticated.caller().account(), Observations.FrontEnd.AUTHORIZE));
            AuthorizeInput input = input(exchange.body());
            IamSnapshot snapshot = store.snapshot();
            DeclaredService service = Question.service(catalogue, input.action());
            access.require(snapshot, authenticated.caller(), askerEnvironment(exchange, authenticated, requestId),
                    new AccessRequest(AUTHORIZE_ACTION, service.arn(), Optional.of(service.account()),
                            ContextKeys.empty(), Optional.empty(), false));
            Question question = Question.of(service, input.action(), input.resource(), input.resourcePolicy(),
                    input.context());
            Verdict verdict = decisions.decide(snapshot, question, new ClientDecisions.Received(input.request(),
                    input.payloadHash(), input.sourceIp(), input.secureTransport()), requestId);
            recordCall(exchange, requestId, asker, Optional.empty(), question.actionName() + " on "
                    + input.resource() + ": " + verdict.kind().wireName());
            recordVerdict(question.actionName(), input.resource(), input.sourceIp(), verdict,
                    "asked by " + asker.get().arn(), requestId);
            return new HttpReply(200, JSON, requestId, StrictJson.bytes(verdict.toJson(requestId)));
        } catch (AwsException e) {
            recordCall(exchange, requestId, asker, Optional.of(e.errorCode().code()), e.operatorDetail());
            return error(e.errorCode(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "authorization request " + requestId + " failed", e);
            recordCall(exchange, requestId, asker, Optional.of(ErrorCode.INTERNAL_FAILURE.code()), e.toString());
            return error(ErrorCode.INTERNAL_FAILURE, "The request processing has failed because of an unknown error,"
                    + " exception or failure.", requestId);
        }
    }

    /** nginx's auth_request: the same verdict, answered by status and headers (docs/nginx-auth-request.md). */
    private HttpReply nginx(HttpExchange exchange, String requestId) {
        String via = "auth_request from " + exchange.remoteAddress();
        try {
            NginxAuthRequest.Outcome outcome = nginx.decide(exchange, requestId);
            Verdict verdict = outcome.verdict();
            recordCall(exchange, requestId, Optional.empty(), Optional.empty(), via + ": "
                    + outcome.question().map(q -> q.actionName() + " on " + q.request().resource()).orElse("no route")
                    + ": " + verdict.kind().wireName());
            String action = outcome.question().map(Question::actionName).orElse(exchange.rawPath()
                    .substring(NginxAuthRequest.PATH_PREFIX.length()) + ":Unknown");
            String resource = outcome.question().map(q -> q.request().resource()).orElse("");
            String sourceIp = exchange.header(NginxAuthRequest.ORIGINAL_REMOTE_ADDR).orElse("");
            recordVerdict(action, resource, sourceIp, verdict, via, requestId);
            return NginxAuthRequest.reply(verdict, outcome.question(), requestId);
        } catch (AwsException e) {
            recordCall(exchange, requestId, Optional.empty(), Optional.of(e.errorCode().code()), via + ": "
                    + e.getMessage());
            return NginxAuthRequest.callRefused(e, requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "auth_request " + requestId + " failed", e);
            recordCall(exchange, requestId, Optional.empty(), Optional.of(ErrorCode.INTERNAL_FAILURE.code()),
                    e.toString());
            return error(ErrorCode.INTERNAL_FAILURE, "The request processing has failed because of an unknown error,"
                    + " exception or failure.", requestId);
        }
    }

    @Override
    public HttpReply unreadable(HttpExchange exchange, String why) {
        String requestId = requestIds.get();
        recordCall(exchange, requestId, Optional.empty(), Optional.of(ErrorCode.MALFORMED_HTTP_REQUEST.code()), why);
        return error(ErrorCode.MALFORMED_HTTP_REQUEST, "The request body cannot be read: " + why + ".", requestId)
                .withHeader("Connection", "close");
    }

    private static void checkMethodAndPath(HttpExchange exchange) {
        if (!exchange.rawPath().equals(PATH)) {
            throw AuthorizeErrors.notFound(PATH, exchange.rawPath());
        }
        if (!exchange.method().equals("POST")) {
            throw AuthorizeErrors.postOnly();
        }
    }

    /**
     * The service asking: its call signed for {@code lanyard} in a region this Lanyard serves. A source whose refused
     * authentications used up its rate is throttled before any signature work; each refusal counts against it.
     */
    private Authenticated authenticateAsker(HttpExchange exchange) {
        throttled(() -> throttles.checkAuthenticationAllowed(exchange.remoteAddress(),
                Observations.FrontEnd.AUTHORIZE));
        try {
            return verifiedAsker(exchange);
        } catch (AuthenticationRefused e) {
            throw e.counted(observations, Observations.FrontEnd.AUTHORIZE, throttles, exchange.remoteAddress());
        }
    }

    /** The limits of the Query APIs, refusing with the JSON protocol's ThrottlingException (429) instead. */
    static void throttled(Runnable check) {
        try {
            check.run();
        } catch (AwsException e) {
            if (e.errorCode() != ErrorCode.THROTTLING) {
                throw e;
            }
            throw AuthorizeErrors.throttled(e.operatorDetail());
        }
    }

    private Authenticated verifiedAsker(HttpExchange exchange) {
        HttpRequestParts parts = exchange.parts();
        SignedRequest signed;
        try {
            signed = SignedRequest.parse(parts).orElseThrow(() -> new AuthenticationRefused(
                    AuthenticationFailure.MISSING_SIGNATURE, AwsErrors.missingAuthenticationToken()));
        } catch (AwsException e) {
            throw new AuthenticationRefused(AuthenticationFailure.SIGNATURE_REJECTED, e);
        }
        if (!regions.serves(signed.region())) {
            throw new AuthenticationRefused(AuthenticationFailure.WRONG_SCOPE,
                    AwsErrors.regionOutOfScope(signed.region(), false, ""));
        }
        if (!signed.service().equals(SIGNING_NAME)) {
            throw new AuthenticationRefused(AuthenticationFailure.WRONG_SCOPE,
                    AwsErrors.serviceOutOfScope(SIGNING_NAME, false, ""));
        }
        try {
            return authenticator.authenticate(signed, secret -> verifier.verify(signed, parts, secret,
                    PresignedLifetime.EXPIRES));
        } catch (CredentialsRejectedException e) {
            throw new AuthenticationRefused(e.rejection().metricReason(), e.rejection().queryError(e.getMessage()));
        } catch (AwsException e) {
            throw new AuthenticationRefused(AuthenticationFailure.SIGNATURE_REJECTED, e);
        }
    }

    private static AuthorizeInput input(byte[] body) {
        try {
            return AuthorizeInput.parse(body);
        } catch (StrictJson.NotJson e) {
            throw AwsErrors.serialization(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw AwsErrors.validation(e.getMessage());
        }
    }

    private RequestEnvironment askerEnvironment(HttpExchange exchange, Authenticated authenticated,
            String requestId) {
        return new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(),
                regions.requested(authenticated.signed().region()), exchange.header("User-Agent"), requestId);
    }

    private HttpReply reply(int status, String requestId, String body) {
        return new HttpReply(status, JSON, requestId, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpReply error(ErrorCode code, String message, String requestId) {
        String body = JsonNodeFactory.instance.objectNode().put("__type", code.code()).put("message", message)
                .toString();
        HttpReply reply = reply(code.httpStatus(), requestId, body).withHeader("x-amzn-ErrorType", code.code());
        return code == ErrorCode.METHOD_NOT_ALLOWED ? reply.withHeader("Allow", "POST") : reply;
    }

    private void recordCall(HttpExchange exchange, String requestId, Optional<Caller> asker,
            Optional<String> errorCode, String detail) {
        audit.record(event(requestId, "call", AUTHORIZE_ACTION, asker, Optional.empty(), exchange.remoteAddress(),
                errorCode, detail, exchange.tlsDetails()));
    }

    /** The service's request, as if the service were an AWS service recording it: who, what, and the decision. */
    private void recordVerdict(String action, String resource, String sourceIp, Verdict verdict, String askedBy,
            String requestId) {
        String detail = askedBy + "; resource " + resource + "; " + verdict.kind().wireName()
                + verdict.error().map(e -> " (" + e.operatorDetail() + ")").orElse("")
                + (verdict.deciding().isEmpty() ? "" : "; deciding " + verdict.deciding().stream()
                        .map(MatchedStatement::label).toList())
                + (verdict.trace().isEmpty() ? "" : "; " + String.join("; ", verdict.trace()));
        // The service's own connection with its client is the service's to know: no tlsDetails.
        audit.record(event(requestId, "verdict", action, verdict.caller(), Optional.empty(), sourceIp,
                verdict.error().map(e -> e.errorCode().code()), detail, Optional.empty()));
    }

    /**
     * A record in the trail's CloudTrail shape; the event source is the action's service prefix (a service the operator
     * declared, or {@code lanyard} for the API itself); {@code tls} of the call's own connection. Event IDs are
     * name-based UUIDs of the request ID and the record's role, so the call and the verdict of one request differ and
     * nothing here draws randomness.
     */
    private AuditEvent event(String requestId, String role, String action, Optional<Caller> caller,
            Optional<String> keyId, String sourceIp, Optional<String> errorCode, String detail,
            Optional<AuditEvent.TlsDetails> tls) {
        int colon = action.indexOf(':');
        String eventId = UUID.nameUUIDFromBytes((requestId + "/" + role).getBytes(StandardCharsets.UTF_8))
                .toString();
        AuditEvent.UserIdentity identity = caller.map(AuditIdentities::of)
                .orElseGet(() -> AuditEvent.UserIdentity.unknown(keyId));
        return new AuditEvent(eventId, clock.instant(), action.substring(0, colon), action.substring(colon + 1),
                Regions.GLOBAL_ENDPOINT_REGION, sourceIp, Optional.empty(), identity, Optional.empty(), Optional.empty(),
                errorCode, Optional.empty(), requestId, true, List.of(),
                caller.map(c -> c.account().value()), Optional.empty(), tls, AuditEvent.Category.MANAGEMENT,
                detail.isEmpty() ? Optional.empty() : Optional.of(detail));
    }
}
