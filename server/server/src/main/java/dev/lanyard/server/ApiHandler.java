package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Operation;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.authz.SessionRestrictions;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iamapi.IamOperations;
import dev.lanyard.iamapi.organizations.OrganizationsOperations;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ResponseEncoder;
import dev.lanyard.query.ResponseFormat;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.PresignedLifetime;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.query.Struct;
import dev.lanyard.sts.StsOperations;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request pipeline, engine-independent: decode, route by service, authenticate, apply the session limits, run
 * the operation, encode; every failure becomes AWS's error envelope and the server keeps serving.
 */
final class ApiHandler implements HttpEndpoint {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String TARGET = "X-Amz-Target";

    private final Map<String, Operation> sts;
    private final Map<String, Operation> iam;
    private final OrganizationsOperations organizations;
    private final RequestAuthenticator authenticator;
    private final InstantSource clock;
    private final AuditSink audit;
    private final int maxBodyBytes;
    private final SessionRestrictions sessionRestrictions;
    private final Regions regions;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonProtocolInput jsonInput = new JsonProtocolInput();

    ApiHandler(Map<String, Operation> sts, Map<String, Operation> iam, OrganizationsOperations organizations,
            RequestAuthenticator authenticator, SessionRestrictions sessionRestrictions, Regions regions,
            InstantSource clock, AuditSink audit, int maxBodyBytes) {
        this.regions = requireNonNull(regions, "regions is null");
        this.sessionRestrictions = requireNonNull(sessionRestrictions, "sessionRestrictions is null");
        this.sts = Map.copyOf(sts);
        this.iam = Map.copyOf(iam);
        this.organizations = requireNonNull(organizations, "organizations is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.maxBodyBytes = maxBodyBytes;
    }

    private enum Service { STS, IAM, ORGANIZATIONS }

    private record Route(Service service, String action) {}

    /** Presigned, the identity proof of Vault's AWS auth and aws-iam-authenticator. */
    private static final Route IDENTITY_PROOF = new Route(Service.STS, "GetCallerIdentity");

    @Override
    public HttpReply handle(HttpExchange exchange) {
        String requestId = requestId();
        ResponseFormat format = ResponseFormat.fromAcceptHeader(exchange.header("Accept"));
        Route route = new Route(exchange.header(TARGET).isPresent() ? Service.ORGANIZATIONS : Service.STS, "Unknown");
        Optional<Caller> caller = Optional.empty();
        try {
            checkMethodAndPath(exchange);
            if (exchange.body().length > maxBodyBytes) {
                throw new AwsException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                        "Request body must be no larger than " + maxBodyBytes + " bytes");
            }
            HttpRequestParts parts = exchange.parts();
            Optional<SignedRequest> signature = SignedRequest.parse(parts);
            SignedContent content = SignedContent.of(exchange, signature);
            if (content.target().isPresent()) {
                route = new Route(Service.ORGANIZATIONS, organizationsOperation(content.target().get()));
                RequestAuthenticator.Authenticated authenticated = authenticate(parts, signature, route);
                caller = Optional.of(authenticated.caller());
                return organizations(exchange, content, authenticated, route.action(), requestId);
            }
            QueryParameters params = QueryParameters.decode(content.rawQuery(), content.formBody())
                    .without(SignedRequest.AUTHENTICATION_PARAMETERS);
            route = route(params);
            Operation operation = operations(route.service()).get(route.action());
            if (operation == null) {
                throw unknownAction(route.action(), params);
            }
            RequestEnvironment env;
            if (route.service() == Service.STS && StsOperations.UNSIGNED.contains(route.action())) {
                env = new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(), "us-east-1",
                        exchange.header("User-Agent"), requestId);
            } else {
                RequestAuthenticator.Authenticated authenticated = authenticate(parts, signature, route);
                caller = Optional.of(authenticated.caller());
                sessionRestrictions.check(caller.get(), serviceName(route.service()), route.action());
                env = environment(exchange, authenticated, requestId);
            }
            Optional<Struct> result = operation.handle(new OperationCall(route.action(), caller, env, params));
            record(exchange, requestId, route, caller, Optional.empty(), "");
            return new HttpReply(200, ResponseEncoder.contentType(format), requestId, ResponseEncoder.success(format,
                    route.action(), namespace(route.service()), result, requestId));
        } catch (AwsException e) {
            record(exchange, requestId, route, caller, Optional.of(e.errorCode().code()), e.operatorDetail());
            HttpReply reply = error(route.service(), format, e.errorCode(), e.getMessage(), requestId);
            return e.errorCode() == ErrorCode.METHOD_NOT_ALLOWED ? reply.withHeader("Allow", "GET, POST") : reply;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
            return error(route.service(), format, ErrorCode.INTERNAL_FAILURE,
                    "The request processing has failed because of an unknown error, exception or failure.",
                    requestId);
        }
    }

    /**
     * The reply to a request whose HTTP framing could not be read (a malformed chunk size, a truncated body): the
     * envelope its headers ask for, and the connection is closed since the next request cannot be found in it.
     */
    @Override
    public HttpReply unreadable(HttpExchange exchange, String why) {
        String requestId = requestId();
        Service service = exchange.header(TARGET).isPresent() ? Service.ORGANIZATIONS : Service.STS;
        record(exchange, requestId, new Route(service, "Unknown"), Optional.empty(),
                Optional.of(ErrorCode.MALFORMED_HTTP_REQUEST.code()), why);
        return error(service, ResponseFormat.fromAcceptHeader(exchange.header("Accept")),
                ErrorCode.MALFORMED_HTTP_REQUEST, "The request body cannot be read: " + why + ".", requestId)
                .withHeader("Connection", "close");
    }

    /** AWS's Query and JSON endpoints answer GET and POST on '/' and nothing else. */
    private static void checkMethodAndPath(HttpExchange exchange) {
        if (!exchange.rawPath().equals("/")) {
            throw new AwsException(ErrorCode.NOT_FOUND, "The AWS APIs are served at '/' only; there is nothing at '"
                    + exchange.rawPath() + "'.");
        }
        if (!exchange.method().equals("GET") && !exchange.method().equals("POST")) {
            throw new AwsException(ErrorCode.METHOD_NOT_ALLOWED,
                    "The specified method is not allowed against this resource.");
        }
    }

    /**
     * Checks the credential scope against the operation, then verifies the signature. A presigned GetCallerIdentity
     * lives for the whole skew window, as STS's does (identity proofs rely on it); every other presigned request
     * expires after its X-Amz-Expires.
     */
    private RequestAuthenticator.Authenticated authenticate(HttpRequestParts parts, Optional<SignedRequest> signature,
            Route route) {
        SignedRequest signed = signature.orElseThrow(() -> new AwsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token"));
        String service = serviceName(route.service());
        if (!regions.serves(signed.region())) {
            throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, scopeMessage(route.service(),
                    signed.region().isEmpty() ? "Credential should be scoped to a valid region"
                            : "Credential should be scoped to a valid region, not '" + signed.region() + "'"),
                    "served regions: " + regions.names());
        }
        if (!signed.service().equals(service)) {
            throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, scopeMessage(route.service(),
                    "Credential should be scoped to correct service: '" + service + "'"));
        }
        PresignedLifetime lifetime = route.equals(IDENTITY_PROOF) ? PresignedLifetime.SKEW_WINDOW
                : PresignedLifetime.EXPIRES;
        return authenticator.authenticate(parts, signed, lifetime);
    }

    /** STS ends its scope messages with ". " (observed); IAM with "." */
    private static String scopeMessage(Service service, String text) {
        return service == Service.STS ? text + ". " : text + ".";
    }

    private RequestEnvironment environment(HttpExchange exchange, RequestAuthenticator.Authenticated authenticated,
            String requestId) {
        String region = regions.requested(authenticated.signed().region());
        return new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(), region,
                exchange.header("User-Agent"), requestId);
    }

    private static Route route(QueryParameters params) {
        String action = params.get("Action").orElseThrow(() -> new AwsException(ErrorCode.MISSING_ACTION,
                "Missing Action"));
        Optional<String> version = params.get("Version");
        if (version.isEmpty() || version.get().equals(StsOperations.VERSION)) {
            return new Route(Service.STS, action);
        }
        if (version.get().equals(IamOperations.VERSION)) {
            return new Route(Service.IAM, action);
        }
        throw unknownAction(action, params);
    }

    private static AwsException unknownAction(String action, QueryParameters params) {
        return new AwsException(ErrorCode.INVALID_ACTION, "Could not find operation " + action + " for version "
                + params.get("Version").orElse("NO_VERSION_SPECIFIED"));
    }

    private Map<String, Operation> operations(Service service) {
        return switch (service) {
            case STS -> sts;
            case IAM -> iam;
            case ORGANIZATIONS -> Map.of();
        };
    }

    private static String serviceName(Service service) {
        return switch (service) {
            case STS -> "sts";
            case IAM -> "iam";
            case ORGANIZATIONS -> "organizations";
        };
    }

    private static String namespace(Service service) {
        return switch (service) {
            case STS, ORGANIZATIONS -> StsOperations.NAMESPACE;
            case IAM -> IamOperations.NAMESPACE;
        };
    }

    private static String organizationsOperation(String target) {
        if (!target.startsWith(OrganizationsOperations.TARGET_PREFIX)) {
            throw new AwsException(ErrorCode.ORGANIZATIONS_UNKNOWN_OPERATION,
                    "The action or operation requested is invalid. Verify that the action is typed correctly.");
        }
        return target.substring(OrganizationsOperations.TARGET_PREFIX.length());
    }

    private HttpReply organizations(HttpExchange exchange, SignedContent content,
            RequestAuthenticator.Authenticated authenticated, String operation, String requestId) {
        Caller caller = authenticated.caller();
        JsonNode input = jsonInput.parse(content.body());
        RequestEnvironment env = environment(exchange, authenticated, requestId);
        byte[] body = organizations.handle(operation, input, caller, env).toString()
                .getBytes(StandardCharsets.UTF_8);
        record(exchange, requestId, new Route(Service.ORGANIZATIONS, operation), Optional.of(caller),
                Optional.empty(), "");
        return new HttpReply(200, JSON_1_1, requestId, body);
    }

    private HttpReply error(Service service, ResponseFormat format, ErrorCode code, String message, String requestId) {
        if (service == Service.ORGANIZATIONS) {
            String body = json.createObjectNode().put("__type", code.code()).put("message", message).toString();
            return new HttpReply(code.httpStatus(), JSON_1_1, requestId, body.getBytes(StandardCharsets.UTF_8));
        }
        return new HttpReply(code.httpStatus(), ResponseEncoder.contentType(format), requestId,
                ResponseEncoder.error(format, namespace(service), code, message, requestId));
    }

    private void record(HttpExchange exchange, String requestId, Route route, Optional<Caller> caller,
            Optional<String> errorCode, String detail) {
        audit.record(new AuditEvent(clock.instant(), requestId, serviceName(route.service()) + ":" + route.action(),
                caller.map(Caller::arn), caller.map(c -> c.accessKeyId().value()), exchange.remoteAddress(),
                errorCode, detail));
    }

    /**
     * A version-4 UUID for x-amzn-RequestId. Request IDs are not secrets, so they come from the fast per-thread
     * generator: {@code UUID.randomUUID()} takes the JDK's shared NativePRNG lock on every request.
     */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
