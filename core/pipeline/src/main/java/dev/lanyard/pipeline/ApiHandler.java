package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ResponseEncoder;
import dev.lanyard.query.ResponseFormat;
import dev.lanyard.query.Struct;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The request pipeline of the Query and JSON APIs, engine-independent: check method and path, take what the signature
 * covers, route by service and action, authenticate as the operation's {@link Signing} says, apply the session limits,
 * run the operation, encode; every failure becomes AWS's error envelope and the server keeps serving.
 */
public final class ApiHandler implements HttpEndpoint {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.pipeline");
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String TARGET = "X-Amz-Target";

    private final Apis apis;
    private final RequestAuthenticator authenticator;
    private final SigV4Verifier verifier;
    private final SessionRestrictions sessionRestrictions;
    private final Regions regions;
    private final InstantSource clock;
    private final AuditSink audit;
    private final int maxBodyBytes;
    private final Supplier<String> requestIds;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonProtocolInput jsonInput = new JsonProtocolInput();

    /** The APIs served: STS (also where a Query request without a Version goes), IAM and Organizations. */
    public record Apis(QueryApi sts, QueryApi iam, JsonApi organizations) {
        public Apis {
            requireNonNull(sts, "sts is null");
            requireNonNull(iam, "iam is null");
            requireNonNull(organizations, "organizations is null");
        }
    }

    /**
     * {@code verifier} checks Query and JSON signatures over the whole request; {@code requestIds} makes each
     * request's x-amzn-RequestId.
     */
    public ApiHandler(Apis apis, RequestAuthenticator authenticator, SigV4Verifier verifier,
            SessionRestrictions sessionRestrictions, Regions regions, InstantSource clock, AuditSink audit,
            int maxBodyBytes, Supplier<String> requestIds) {
        this.apis = requireNonNull(apis, "apis is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.sessionRestrictions = requireNonNull(sessionRestrictions, "sessionRestrictions is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.maxBodyBytes = maxBodyBytes;
        this.requestIds = requireNonNull(requestIds, "requestIds is null");
    }

    private enum Service { STS, IAM, ORGANIZATIONS }

    private record Route(Service service, String action) {}

    @Override
    public HttpReply handle(HttpExchange exchange) {
        String requestId = requestIds.get();
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
                route = new Route(Service.ORGANIZATIONS, jsonOperationName(content.target().get()));
                RequestAuthenticator.Authenticated authenticated = authenticate(parts, signature, route,
                        Signing.SIGNED);
                caller = Optional.of(authenticated.caller());
                return json(exchange, content, authenticated, route.action(), requestId);
            }
            QueryParameters params = QueryParameters.decode(content.rawQuery(), content.formBody())
                    .without(SignedRequest.AUTHENTICATION_PARAMETERS);
            route = route(params);
            Operation operation = queryApi(route.service()).operations().get(route.action());
            if (operation == null) {
                throw unknownAction(route.action(), params);
            }
            RequestEnvironment env;
            if (operation.signing() == Signing.UNSIGNED) {
                env = new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(),
                        Regions.GLOBAL_ENDPOINT_REGION, exchange.header("User-Agent"), requestId);
            } else {
                RequestAuthenticator.Authenticated authenticated = authenticate(parts, signature, route,
                        operation.signing());
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
        String requestId = requestIds.get();
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
     * Checks the credential scope against the operation, then the credentials and the signature over the whole
     * request; a presigned request lives as long as the operation's signing says.
     */
    private RequestAuthenticator.Authenticated authenticate(HttpRequestParts parts, Optional<SignedRequest> signature,
            Route route, Signing signing) {
        SignedRequest signed = signature.orElseThrow(() -> new AwsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token"));
        String service = serviceName(route.service());
        boolean stsRegion = route.service() == Service.STS && Regions.isRegionName(signed.region());
        if (!regions.serves(signed.region()) && !stsRegion) {
            throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, scopeMessage(route.service(),
                    signed.region().isEmpty() ? "Credential should be scoped to a valid region"
                            : "Credential should be scoped to a valid region, not '" + signed.region() + "'"),
                    "served regions: " + regions.names());
        }
        if (!signed.service().equals(service)) {
            throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, scopeMessage(route.service(),
                    "Credential should be scoped to correct service: '" + service + "'"));
        }
        RequestAuthenticator.Authenticated authenticated;
        try {
            authenticated = authenticator.authenticate(signed,
                    secret -> verifier.verify(signed, parts, secret, signing.presignedLifetime()));
        } catch (CredentialsRejectedException e) {
            throw e.rejection().queryError(e.getMessage());
        }
        RegionRules.check(regions, authenticated.caller(), signed.region());
        return authenticated;
    }

    /** STS ends its scope messages with ". " (observed); IAM with "." */
    private static String scopeMessage(Service service, String text) {
        return service == Service.STS ? text + ". " : text + ".";
    }

    private RequestEnvironment environment(HttpExchange exchange, RequestAuthenticator.Authenticated authenticated,
            String requestId) {
        String region = regions.requested(authenticated.signed().region());
        return new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(), region,
                exchange.header("User-Agent"), requestId, regions.globalEndpoint(authenticated.signed().region()));
    }

    private Route route(QueryParameters params) {
        String action = params.get("Action").orElseThrow(() -> new AwsException(ErrorCode.MISSING_ACTION,
                "Missing Action"));
        Optional<String> version = params.get("Version");
        if (version.isEmpty() || version.get().equals(apis.sts().version())) {
            return new Route(Service.STS, action);
        }
        if (version.get().equals(apis.iam().version())) {
            return new Route(Service.IAM, action);
        }
        throw unknownAction(action, params);
    }

    private static AwsException unknownAction(String action, QueryParameters params) {
        return new AwsException(ErrorCode.INVALID_ACTION, "Could not find operation " + action + " for version "
                + params.get("Version").orElse("NO_VERSION_SPECIFIED"));
    }

    private QueryApi queryApi(Service service) {
        return switch (service) {
            case STS -> apis.sts();
            case IAM -> apis.iam();
            case ORGANIZATIONS -> throw new IllegalStateException("Organizations speaks the JSON protocol");
        };
    }

    private String serviceName(Service service) {
        return switch (service) {
            case STS -> apis.sts().service();
            case IAM -> apis.iam().service();
            case ORGANIZATIONS -> apis.organizations().service();
        };
    }

    private String namespace(Service service) {
        return switch (service) {
            case STS, ORGANIZATIONS -> apis.sts().namespace();
            case IAM -> apis.iam().namespace();
        };
    }

    private String jsonOperationName(String target) {
        String prefix = apis.organizations().targetPrefix();
        if (!target.startsWith(prefix)) {
            throw unknownOperation();
        }
        return target.substring(prefix.length());
    }

    private static AwsException unknownOperation() {
        return new AwsException(ErrorCode.ORGANIZATIONS_UNKNOWN_OPERATION,
                "The action or operation requested is invalid. Verify that the action is typed correctly.");
    }

    private HttpReply json(HttpExchange exchange, SignedContent content,
            RequestAuthenticator.Authenticated authenticated, String action, String requestId) {
        Caller caller = authenticated.caller();
        ObjectNode input = jsonInput.parse(content.body());
        RequestEnvironment env = environment(exchange, authenticated, requestId);
        JsonOperation operation = apis.organizations().operations().get(action);
        if (operation == null) {
            throw unknownOperation();
        }
        sessionRestrictions.check(caller, apis.organizations().service(), action);
        byte[] body = operation.handle(new JsonCall(action, caller, env, input)).toString()
                .getBytes(StandardCharsets.UTF_8);
        record(exchange, requestId, new Route(Service.ORGANIZATIONS, action), Optional.of(caller), Optional.empty(),
                "");
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
}
