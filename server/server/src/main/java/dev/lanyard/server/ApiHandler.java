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
import dev.lanyard.query.Struct;
import dev.lanyard.sts.StsOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request pipeline, engine-independent: decode, route by service, authenticate, apply the session limits, run
 * the operation, encode; every failure becomes AWS's error envelope and the server keeps serving.
 */
final class ApiHandler {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    private static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final Map<String, Operation> sts;
    private final Map<String, Operation> iam;
    private final OrganizationsOperations organizations;
    private final RequestAuthenticator authenticator;
    private final InstantSource clock;
    private final AuditSink audit;
    private final int maxBodyBytes;
    private final SessionRestrictions sessionRestrictions;
    private final ObjectMapper json = new ObjectMapper();

    ApiHandler(Map<String, Operation> sts, Map<String, Operation> iam, OrganizationsOperations organizations,
            RequestAuthenticator authenticator, SessionRestrictions sessionRestrictions, InstantSource clock,
            AuditSink audit, int maxBodyBytes) {
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

    HttpReply handle(HttpExchange exchange) {
        String requestId = requestId();
        boolean jsonProtocol = exchange.header("X-Amz-Target").isPresent();
        ResponseFormat format = ResponseFormat.fromAcceptHeader(exchange.header("Accept"));
        Route route = new Route(jsonProtocol ? Service.ORGANIZATIONS : Service.STS, "Unknown");
        Optional<Caller> caller = Optional.empty();
        try {
            if (exchange.body().length > maxBodyBytes) {
                throw new AwsException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                        "Request body must be no larger than " + maxBodyBytes + " bytes");
            }
            if (jsonProtocol) {
                route = new Route(Service.ORGANIZATIONS, organizationsOperation(exchange));
                RequestAuthenticator.Authenticated authenticated = authenticate(exchange, "organizations");
                caller = Optional.of(authenticated.caller());
                return organizations(exchange, authenticated, route.action(), requestId);
            }
            QueryParameters params = QueryParameters.decode(exchange.rawQuery(), formBody(exchange));
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
                RequestAuthenticator.Authenticated authenticated = authenticate(exchange,
                        serviceName(route.service()));
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
            return error(route.service(), format, e.errorCode(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
            return error(route.service(), format, ErrorCode.INTERNAL_FAILURE,
                    "The request processing has failed because of an unknown error, exception or failure.",
                    requestId);
        }
    }

    private RequestAuthenticator.Authenticated authenticate(HttpExchange exchange, String service) {
        RequestAuthenticator.Authenticated authenticated = authenticator.authenticate(exchange.parts())
                .orElseThrow(() -> new AwsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                        "Request is missing Authentication Token"));
        String scoped = authenticated.signed().service();
        if (!scoped.equals(service)) {
            throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped to correct service: '" + service + "'. ");
        }
        return authenticated;
    }

    private RequestEnvironment environment(HttpExchange exchange, RequestAuthenticator.Authenticated authenticated,
            String requestId) {
        String region = authenticated.signed().region();
        return new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(), region,
                exchange.header("User-Agent"), requestId);
    }

    private static byte[] formBody(HttpExchange exchange) {
        if (exchange.body().length == 0) {
            return exchange.body();
        }
        String type = exchange.header("Content-Type").orElse("application/x-www-form-urlencoded")
                .toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") ? exchange.body() : new byte[0];
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

    private static String organizationsOperation(HttpExchange exchange) {
        String target = exchange.header("X-Amz-Target").orElseThrow();
        if (!target.startsWith(OrganizationsOperations.TARGET_PREFIX)) {
            throw new AwsException(ErrorCode.ORGANIZATIONS_UNKNOWN_OPERATION,
                    "The action or operation requested is invalid. Verify that the action is typed correctly.");
        }
        return target.substring(OrganizationsOperations.TARGET_PREFIX.length());
    }

    private HttpReply organizations(HttpExchange exchange, RequestAuthenticator.Authenticated authenticated,
            String operation, String requestId) {
        Caller caller = authenticated.caller();
        JsonNode input;
        try {
            input = exchange.body().length == 0 ? json.createObjectNode() : json.readTree(exchange.body());
        } catch (IOException e) {
            throw new AwsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT, "The request body is not valid JSON.");
        }
        if (input == null || !input.isObject()) {
            throw new AwsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT, "The request body must be a JSON object.");
        }
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
