package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ResponseEncoder;
import dev.lanyard.query.ResponseFormat;
import dev.lanyard.query.Struct;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    private final AuditTrail audit;
    private final int maxBodyBytes;
    private final Supplier<String> requestIds;
    private final Observations observations;
    private final Throttles throttles;
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
            SessionRestrictions sessionRestrictions, Regions regions, InstantSource clock, AuditTrail audit,
            int maxBodyBytes, Supplier<String> requestIds) {
        this(apis, authenticator, verifier, sessionRestrictions, regions, clock, audit, maxBodyBytes, requestIds,
                Observations.NONE, Throttles.off());
    }

    /** Also reports to {@code observations} and holds callers to {@code throttles}. */
    public ApiHandler(Apis apis, RequestAuthenticator authenticator, SigV4Verifier verifier,
            SessionRestrictions sessionRestrictions, Regions regions, InstantSource clock, AuditTrail audit,
            int maxBodyBytes, Supplier<String> requestIds, Observations observations, Throttles throttles) {
        this.observations = requireNonNull(observations, "observations is null");
        this.throttles = requireNonNull(throttles, "throttles is null");
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
        Observations.RequestTimer timer = observations.requestStarted(Observations.FrontEnd.QUERY);
        String requestId = requestIds.get();
        ResponseFormat format = ResponseFormat.fromAcceptHeader(exchange.header("Accept"));
        Route route = new Route(exchange.header(TARGET).isPresent() ? Service.ORGANIZATIONS : Service.STS, "Unknown");
        Audit audited = new Audit(exchange, requestId, clock.instant(), timer);
        try {
            checkMethodAndPath(exchange);
            if (exchange.body().length > maxBodyBytes) {
                throw AwsErrors.requestTooLarge(maxBodyBytes);
            }
            HttpRequestParts parts = exchange.parts();
            Optional<SignedRequest> signature = SignedRequest.parse(parts);
            audited.attemptedKey = signature.map(SignedRequest::accessKeyId);
            SignedContent content = SignedContent.of(exchange, signature);
            if (content.target().isPresent()) {
                route = new Route(Service.ORGANIZATIONS, jsonOperationName(content.target().get()));
                RequestAuthenticator.Authenticated authenticated = authenticate(exchange, parts, signature, route,
                        Signing.SIGNED);
                audited.caller = Optional.of(authenticated.caller());
                audited.region = regions.requested(authenticated.signed().region());
                return json(exchange, content, authenticated, route.action(), requestId, audited);
            }
            QueryParameters params = QueryParameters.decode(content.rawQuery(), content.formBody())
                    .without(SignedRequest.AUTHENTICATION_PARAMETERS);
            audited.params = Optional.of(params);
            route = route(params);
            Operation operation = queryApi(route.service()).operations().get(route.action());
            if (operation == null) {
                throw unknownAction(route.action(), params);
            }
            RequestEnvironment env;
            if (operation.signing() == Signing.UNSIGNED) {
                throttles.unsignedCall(exchange.remoteAddress(), Observations.FrontEnd.QUERY);
                env = new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(),
                        Regions.GLOBAL_ENDPOINT_REGION, exchange.header("User-Agent"), requestId);
            } else {
                RequestAuthenticator.Authenticated authenticated = authenticate(exchange, parts, signature, route,
                        operation.signing());
                audited.caller = Optional.of(authenticated.caller());
                audited.region = regions.requested(authenticated.signed().region());
                throttleAccount(route.service(), audited.caller.get());
                sessionRestrictions.check(audited.caller.get(), serviceName(route.service()), route.action());
                env = environment(exchange, authenticated, requestId);
            }
            Optional<Struct> result = operation.handle(new OperationCall(route.action(), audited.caller, env,
                    params));
            audited.result = result;
            record(audited, route);
            return new HttpReply(200, ResponseEncoder.contentType(format), requestId, ResponseEncoder.success(format,
                    route.action(), namespace(route.service()), result, requestId));
        } catch (AwsException e) {
            audited.error = Optional.of(e);
            record(audited, route);
            HttpReply reply = error(route.service(), format, e.errorCode(), e.getMessage(), requestId);
            return e.errorCode() == ErrorCode.METHOD_NOT_ALLOWED ? reply.withHeader("Allow", "GET, POST") : reply;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
            audited.error = Optional.of(AwsErrors.internalFailure(e.toString()));
            record(audited, route);
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
        Observations.RequestTimer timer = observations.requestStarted(Observations.FrontEnd.QUERY);
        String requestId = requestIds.get();
        Service service = exchange.header(TARGET).isPresent() ? Service.ORGANIZATIONS : Service.STS;
        Audit audited = new Audit(exchange, requestId, clock.instant(), timer);
        audited.error = Optional.of(PipelineErrors.unreadableBody(why));
        record(audited, new Route(service, "Unknown"));
        return error(service, ResponseFormat.fromAcceptHeader(exchange.header("Accept")),
                ErrorCode.MALFORMED_HTTP_REQUEST, "The request body cannot be read: " + why + ".", requestId)
                .withHeader("Connection", "close");
    }

    /** AWS's Query and JSON endpoints answer GET and POST on '/' and nothing else. */
    private static void checkMethodAndPath(HttpExchange exchange) {
        if (!exchange.rawPath().equals("/")) {
            throw PipelineErrors.notFound(exchange.rawPath());
        }
        if (!exchange.method().equals("GET") && !exchange.method().equals("POST")) {
            throw PipelineErrors.methodNotAllowed();
        }
    }

    /**
     * Authenticates unless the source's refused authentications have used up its rate (then nothing is checked); a
     * refusal is reported with its reason and counted against the source.
     */
    private RequestAuthenticator.Authenticated authenticate(HttpExchange exchange, HttpRequestParts parts,
            Optional<SignedRequest> signature, Route route, Signing signing) {
        throttles.checkAuthenticationAllowed(exchange.remoteAddress(), Observations.FrontEnd.QUERY);
        try {
            return authenticate(parts, signature, route, signing);
        } catch (AuthenticationRefused e) {
            throw e.counted(observations, Observations.FrontEnd.QUERY, throttles, exchange.remoteAddress());
        }
    }

    /**
     * Checks the credential scope against the operation, then the credentials and the signature over the whole
     * request; a presigned request lives as long as the operation's signing says.
     */
    private RequestAuthenticator.Authenticated authenticate(HttpRequestParts parts, Optional<SignedRequest> signature,
            Route route, Signing signing) {
        SignedRequest signed = signature.orElseThrow(() -> new AuthenticationRefused(
                AuthenticationFailure.MISSING_SIGNATURE, AwsErrors.missingAuthenticationToken()));
        String service = serviceName(route.service());
        boolean stsRegion = route.service() == Service.STS && Regions.isRegionName(signed.region());
        if (!regions.serves(signed.region()) && !stsRegion) {
            throw new AuthenticationRefused(AuthenticationFailure.WRONG_SCOPE, AwsErrors.regionOutOfScope(
                    signed.region(), route.service() == Service.STS, "served regions: " + regions.names()));
        }
        if (!signed.service().equals(service)) {
            throw new AuthenticationRefused(AuthenticationFailure.WRONG_SCOPE,
                    AwsErrors.serviceOutOfScope(service, route.service() == Service.STS, ""));
        }
        RequestAuthenticator.Authenticated authenticated;
        try {
            authenticated = authenticator.authenticate(signed,
                    secret -> verifier.verify(signed, parts, secret, signing.presignedLifetime()));
        } catch (CredentialsRejectedException e) {
            throw new AuthenticationRefused(e.rejection().metricReason(), e.rejection().queryError(e.getMessage()));
        } catch (AwsException e) {
            throw new AuthenticationRefused(AuthenticationFailure.SIGNATURE_REJECTED, e);
        }
        RegionRules.check(regions, authenticated.caller(), signed.region());
        return authenticated;
    }


    private void throttleAccount(Service service, Caller caller) {
        switch (service) {
            case STS -> throttles.stsCall(caller.account(), Observations.FrontEnd.QUERY);
            case IAM -> throttles.iamCall(caller.account(), Observations.FrontEnd.QUERY);
            case ORGANIZATIONS -> { }
        }
    }

    /** STS ends its scope messages with ". " (observed); IAM with "." */
    private RequestEnvironment environment(HttpExchange exchange, RequestAuthenticator.Authenticated authenticated,
            String requestId) {
        String region = regions.requested(authenticated.signed().region());
        return new RequestEnvironment(clock.instant(), exchange.remoteAddress(), exchange.secure(), region,
                exchange.header("User-Agent"), requestId, regions.globalEndpoint(authenticated.signed().region()));
    }

    private Route route(QueryParameters params) {
        String action = params.get("Action").orElseThrow(PipelineErrors::missingAction);
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
        return PipelineErrors.unknownAction(action, params.get("Version").orElse("NO_VERSION_SPECIFIED"));
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
            throw PipelineErrors.unknownOperation();
        }
        return target.substring(prefix.length());
    }

    private HttpReply json(HttpExchange exchange, SignedContent content,
            RequestAuthenticator.Authenticated authenticated, String action, String requestId, Audit audited) {
        Caller caller = authenticated.caller();
        ObjectNode input = jsonInput.parse(content.body());
        audited.jsonInput = Optional.of(input);
        RequestEnvironment env = environment(exchange, authenticated, requestId);
        JsonOperation operation = apis.organizations().operations().get(action);
        if (operation == null) {
            throw PipelineErrors.unknownOperation();
        }
        sessionRestrictions.check(caller, apis.organizations().service(), action);
        ObjectNode output = operation.handle(new JsonCall(action, caller, env, input));
        audited.jsonOutput = Optional.of(output);
        byte[] body = output.toString().getBytes(StandardCharsets.UTF_8);
        record(audited, new Route(Service.ORGANIZATIONS, action));
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

    /** What is known of a call as it goes through the pipeline, for its audit record and its metrics. */
    private static final class Audit {
        final HttpExchange exchange;
        final String requestId;
        final Instant time;
        final Observations.RequestTimer timer;
        Optional<Caller> caller = Optional.empty();
        Optional<String> attemptedKey = Optional.empty();
        String region = Regions.GLOBAL_ENDPOINT_REGION;
        Optional<QueryParameters> params = Optional.empty();
        Optional<Struct> result = Optional.empty();
        Optional<ObjectNode> jsonInput = Optional.empty();
        Optional<JsonNode> jsonOutput = Optional.empty();
        Optional<AwsException> error = Optional.empty();

        Audit(HttpExchange exchange, String requestId, Instant time, Observations.RequestTimer timer) {
            this.exchange = exchange;
            this.requestId = requestId;
            this.time = time;
            this.timer = timer;
        }
    }

    private void record(Audit audited, Route route) {
        audited.timer.finished(serviceName(route.service()), observedAction(route),
                audited.error.map(e -> e.errorCode().code()).orElse("ok"));
        audit.record(new AuditTrail.Call(audited.exchange, audited.requestId, audited.time,
                serviceName(route.service()), route.action(), audited.region, audited.caller, audited.attemptedKey,
                audited.params, audited.result, audited.jsonInput, audited.jsonOutput, audited.error));
    }

    /** The action as the metrics count it: only a served one by name, anything a client made up as "Unknown". */
    private String observedAction(Route route) {
        boolean served = switch (route.service()) {
            case STS -> apis.sts().operations().containsKey(route.action());
            case IAM -> apis.iam().operations().containsKey(route.action());
            case ORGANIZATIONS -> apis.organizations().operations().containsKey(route.action());
        };
        return served ? route.action() : "Unknown";
    }
}
