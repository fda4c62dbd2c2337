package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AuditIdentities;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.pipeline.CredentialsRejectedException;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.NegotiatedTls;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.BucketStore;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.s3.AuthType;
import dev.lanyard.s3.ObjectRef;
import dev.lanyard.s3.RequestSignature;
import dev.lanyard.s3.RequiredAuthorizations;
import dev.lanyard.s3.S3Addressing;
import dev.lanyard.s3.S3Authorization;
import dev.lanyard.s3.S3Classification;
import dev.lanyard.s3.S3Classifier;
import dev.lanyard.s3.S3Operation;
import dev.lanyard.s3.S3Request;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.streaming.HeaderChecksums;
import dev.lanyard.sigv4.streaming.PayloadInputStream;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import dev.lanyard.sigv4.streaming.S3Payload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The S3 gateway's request pipeline, engine-independent: verify the SigV4 signature by S3's rules, resolve the caller
 * as the Query API does, classify the request (lib/s3), decide every authorization it needs with identity and bucket
 * policies, then forward it to the backend re-signed with the backend's key, the body verified as it streams. Bucket
 * ownership and bucket policies are Lanyard's: CreateBucket records the owner, the policy operations are answered
 * here, ListBuckets shows the caller's account's buckets only. Every refusal is S3's error document, every decision
 * is audited with the statements that made it, and a failure never stops the gateway. Requests are counted in the
 * metrics (by operation and outcome) and held to the S3 rate per account and to the refused-authentication rate per
 * source, as the Query API's are; past a rate the answer is S3's {@code SlowDown}.
 */
public final class S3Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.s3gateway");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final S3Classifier classifier;
    private final S3SigV4Verifier verifier;
    private final S3CallerAuthenticator authenticator;
    private final IamStore iam;
    private final BucketStore buckets;
    private final S3Authorizer authorizer;
    private final BucketPolicies policies;
    private final BackendClient backend;
    private final Forwarding forwarding;
    private final AuditSink audit;
    private final Observations observations;
    private final Throttles throttles;
    private final Clock clock;
    /** {@code aws:RequestedRegion} of an anonymous request, which names no region: the backend's. */
    private final String anonymousRegion;

    public S3Gateway(S3GatewayConfig config, IamStore iam, BucketStore buckets, AccessControl access,
            PolicyGatherer gatherer, S3CallerAuthenticator authenticator, AuditSink audit, Clock clock) {
        this(config, iam, buckets, access, gatherer, authenticator, audit, clock, Observations.NONE, Throttles.off());
    }

    /** Also reports to {@code observations} and holds callers to {@code throttles}. */
    public S3Gateway(S3GatewayConfig config, IamStore iam, BucketStore buckets, AccessControl access,
            PolicyGatherer gatherer, S3CallerAuthenticator authenticator, AuditSink audit, Clock clock,
            Observations observations, Throttles throttles) {
        requireNonNull(config, "config is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.throttles = requireNonNull(throttles, "throttles is null");
        this.classifier = new S3Classifier(new S3Addressing(config.domains()), access.partition());
        this.clock = requireNonNull(clock, "clock is null");
        this.verifier = new S3SigV4Verifier(clock, new SigningKeys(4096));
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.authorizer = new S3Authorizer(access, gatherer, buckets);
        this.policies = new BucketPolicies(buckets, access.partition());
        this.backend = new BackendClient(config.backend(), config.backendCredentials(), config.backendRegion(), clock);
        this.forwarding = new Forwarding(backend);
        this.audit = requireNonNull(audit, "audit is null");
        this.anonymousRegion = config.backendRegion();
    }

    /**
     * What one request is about, once authenticated and classified; {@code caller} is empty for an anonymous
     * (unsigned) request, which only a bucket policy granting everyone can allow.
     */
    record Exchange(String requestId, GatewayRequest request, Optional<Caller> caller, RequestEnvironment env,
            S3Classification classification, S3Payload payload, IamSnapshot snapshot) {
        S3Operation operation() {
            return classification.operation();
        }

        /** The signed caller, for what only a caller with an account can do (anonymous ones were refused before). */
        Caller signedCaller() {
            return caller.orElseThrow(() -> new IllegalStateException("an anonymous request got this far"));
        }
    }

    /** Answers one request; never throws. */
    Reply handle(GatewayRequest request) {
        Observations.RequestTimer timer = observations.requestStarted(Observations.FrontEnd.S3);
        Answered answered = answer(request);
        // Until the answer's head: a body streamed afterwards goes at the client's and the backend's pace.
        Reply reply = answered.reply();
        String outcome = reply.status() < 400 ? "ok"
                : answered.error().map(code -> code.code()).or(reply::backendErrorCode).orElse("other");
        timer.finished("s3", answered.operation().map(S3Operation::awsName).orElse("Unknown"), outcome);
        return reply;
    }

    /** The reply, and for the metrics the operation (once classified) and the gateway's own refusal if it refused. */
    private record Answered(Reply reply, Optional<S3Operation> operation, Optional<S3ErrorCode> error) {
        Answered(Reply reply, Optional<S3Classification> classified) {
            this(reply, classified.map(S3Classification::operation), Optional.empty());
        }

        Answered(Reply reply, Optional<S3Classification> classified, S3Exception error) {
            this(reply, classified.map(S3Classification::operation), Optional.of(error.errorCode()));
        }
    }

    private Answered answer(GatewayRequest request) {
        String requestId = requestId();
        boolean head = request.method().equals("HEAD");
        Optional<Caller> caller = Optional.empty();
        Optional<AccessKeyId> keyId = Optional.empty();
        String action = "s3:" + request.method();
        Optional<S3Classification> classified = Optional.empty();
        String region = "";
        Instant time = clock.instant();
        try {
            HttpRequestParts parts = new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers());
            Optional<SignedRequest> signed = signedRequest(parts);
            Optional<S3CallerAuthenticator.Authenticated> authenticated = Optional.empty();
            if (signed.isPresent()) {
                keyId = AccessKeyId.parse(signed.get().accessKeyId());
                region = signed.get().region();
                authenticated = Optional.of(authenticate(signed.get(), parts, request.remoteAddress(), keyId));
                caller = authenticated.map(S3CallerAuthenticator.Authenticated::caller);
            }
            RequestEnvironment env = new RequestEnvironment(clock.instant(), request.remoteAddress(),
                    request.secure(), signed.map(SignedRequest::region).orElse(anonymousRegion),
                    request.header("User-Agent"), requestId);
            S3Classification classification = classifier.classify(s3Request(request, signed),
                    name -> buckets.bucket(name).map(S3Bucket::owner));
            action = "s3:" + classification.operation().awsName();
            classified = Optional.of(classification);
            // After the (in-memory) classification, so that a SlowDown is counted under its operation.
            if (caller.isPresent()) {
                throttles.s3Call(caller.get().account());
            } else {
                throttles.anonymousS3Call(request.remoteAddress());
            }
            HeaderChecksums checksums = classification.operation() == S3Operation.COMPLETE_MULTIPART_UPLOAD
                    ? HeaderChecksums.OF_COMPLETED_OBJECT : HeaderChecksums.OF_BODY;
            S3Payload payload = authenticated.isPresent()
                    ? S3Payload.of(authenticated.get().signature(), parts, checksums)
                    : S3Payload.unsigned(parts, checksums);
            Exchange exchange = new Exchange(requestId, request, caller, env, classification, payload,
                    iam.snapshot());
            Outcome outcome = perform(exchange);
            record(new Audited(requestId, time, action, region, classified, caller, keyId, request),
                    Optional.empty(), outcome.detail());
            return new Answered(outcome.reply(), classified);
        } catch (S3Exception e) {
            record(new Audited(requestId, time, action, region, classified, caller, keyId, request), Optional.of(e),
                    e.operatorDetail());
            return new Answered(ErrorDocuments.reply(e, requestId, head), classified, e);
        } catch (AwsException e) {
            S3Exception translated = translate(e, keyId);
            record(new Audited(requestId, time, action, region, classified, caller, keyId, request),
                    Optional.of(translated),
                    e.operatorDetail().isEmpty() ? e.getMessage() : e.operatorDetail());
            return new Answered(ErrorDocuments.reply(translated, requestId, head), classified, translated);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "S3 request " + requestId + " failed", e);
            S3Exception internal = new S3Exception(S3ErrorCode.INTERNAL_ERROR);
            record(new Audited(requestId, time, action, region, classified, caller, keyId, request),
                    Optional.of(internal), e.toString());
            return new Answered(ErrorDocuments.reply(internal, requestId, head), classified, internal);
        }
    }

    /** The reply and, for the audit, how it was decided. */
    record Outcome(Reply reply, String detail) {}

    private Outcome perform(Exchange exchange) {
        S3Classification classification = exchange.classification();
        requireAccountForAccountOperations(exchange);
        Optional<S3Bucket> bucket = classification.bucket().flatMap(buckets::bucket);
        requireKnownBuckets(exchange, bucket);
        RequiredAuthorizations required = classification.required();
        if (required instanceof RequiredAuthorizations.BodyNeeded needed) {
            byte[] body = readSmallBody(exchange, needed.kind().maxBytes());
            classification = classification.withBody(body);
            exchange = new Exchange(exchange.requestId(), exchange.request(), exchange.caller(), exchange.env(),
                    classification, exchange.payload(), exchange.snapshot());
            return switch (classification.required()) {
                case RequiredAuthorizations.EachEntry each -> new DeleteObjects(authorizer, forwarding, this::tagsOf)
                        .perform(exchange, each);
                case RequiredAuthorizations.AllOf all -> {
                    String decided = requireAll(exchange, all);
                    yield new Outcome(forwardSmall(exchange, body), decided);
                }
                case RequiredAuthorizations.BodyNeeded again ->
                        throw new IllegalStateException("the body was read: " + again);
            };
        }
        RequiredAuthorizations.AllOf all = switch (required) {
            case RequiredAuthorizations.AllOf a -> a;
            case RequiredAuthorizations.EachEntry e ->
                    throw new IllegalStateException("per-entry authorizations come from a body: " + e);
            case RequiredAuthorizations.BodyNeeded n -> throw new IllegalStateException("unreachable: " + n);
        };
        String decided = requireAll(exchange, all);
        return new Outcome(answer(exchange, bucket), decided);
    }

    /** The operations the gateway answers itself, and the rest forwarded. */
    private Reply answer(Exchange exchange, Optional<S3Bucket> bucket) {
        String requestId = exchange.requestId();
        return switch (exchange.operation()) {
            case GET_BUCKET_POLICY -> policies.get(bucket.orElseThrow(), exchange.snapshot(), requestId);
            case PUT_BUCKET_POLICY -> policies.put(bucket.orElseThrow(),
                    readSmallBody(exchange, BucketPolicies.MAX_POLICY_BYTES), exchange.snapshot(), requestId);
            case DELETE_BUCKET_POLICY -> policies.delete(bucket.orElseThrow(), requestId);
            case GET_BUCKET_POLICY_STATUS -> policies.status(bucket.orElseThrow(), requestId);
            case LIST_BUCKETS -> new ListBuckets(buckets).perform(exchange, forwarding);
            case CREATE_BUCKET -> createBucket(exchange, Optional.empty());
            case DELETE_BUCKET -> deleteBucket(exchange);
            case GET_OBJECT, HEAD_OBJECT, GET_OBJECT_ATTRIBUTES -> readObject(exchange);
            default -> forwarding.relay(exchange, forwarding.streamed(exchange));
        };
    }

    /**
     * ListBuckets and CreateBucket are an account's: an anonymous caller has none (S3 answers it AccessDenied; a
     * bucket policy cannot grant them, since they are not on a bucket that exists).
     */
    private static void requireAccountForAccountOperations(Exchange exchange) {
        boolean accountOperation = exchange.operation() == S3Operation.LIST_BUCKETS
                || exchange.operation() == S3Operation.CREATE_BUCKET;
        if (accountOperation && exchange.caller().isEmpty()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, S3ErrorCode.ACCESS_DENIED.defaultMessage(), List.of(),
                    "anonymous " + exchange.operation().awsName() + ": only a signed caller has an account");
        }
    }

    /**
     * A bucket the registry does not know is NoSuchBucket, whatever the backend holds: an unmapped bucket has no
     * owner, and without one neither side of the decision can be made. A new bucket's name must be free.
     */
    private void requireKnownBuckets(Exchange exchange, Optional<S3Bucket> bucket) {
        S3Classification classification = exchange.classification();
        if (exchange.operation() == S3Operation.CREATE_BUCKET) {
            if (bucket.isPresent()) {
                throw bucket.get().owner().equals(exchange.signedCaller().account())
                        ? new S3Exception(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU,
                                List.of(new S3Exception.Detail("BucketName", bucket.get().name())))
                        : new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS);
            }
            return;
        }
        if (classification.bucket().isPresent() && bucket.isEmpty()) {
            throw noSuchBucket(classification.bucket().get());
        }
        classification.copySource().ifPresent(source -> {
            if (buckets.bucket(source.bucket()).isEmpty()) {
                throw noSuchBucket(source.bucket());
            }
        });
    }

    private static S3Exception noSuchBucket(String name) {
        return new S3Exception(S3ErrorCode.NO_SUCH_BUCKET, List.of(new S3Exception.Detail("BucketName", name)));
    }

    /** Every authorization must be allowed; the first refused one is the AccessDenied. */
    private String requireAll(Exchange exchange, RequiredAuthorizations.AllOf all) {
        List<String> decided = new ArrayList<>();
        for (S3Authorization authorization : all.authorizations()) {
            S3Authorizer.Verdict verdict = authorizer.decide(exchange.snapshot(), exchange.caller(), exchange.env(),
                    authorization, this::tagsOf);
            if (!verdict.allowed()) {
                throw S3Authorizer.denied(exchange.caller(), verdict);
            }
            decided.add(verdict.explanation());
        }
        return String.join(" | ", decided);
    }

    private Reply createBucket(Exchange exchange, Optional<byte[]> body) {
        String name = exchange.classification().bucket().orElseThrow();
        BackendResponse response = body.isPresent()
                ? forwarding.withBody(exchange, body.get())
                : forwarding.streamed(exchange);
        if (response.statusCode() / 100 != 2) {
            byte[] answer = forwarding.readWhole(response);
            Optional<String> code = Forwarding.errorCode(answer);
            if (code.equals(Optional.of("BucketAlreadyOwnedByYou")) || code.equals(Optional.of("BucketAlreadyExists"))) {
                // The backend has it but the registry does not: someone else's, or unmapped. Never claim it.
                throw new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS, S3ErrorCode.BUCKET_ALREADY_EXISTS
                        .defaultMessage(), List.of(), "bucket " + name + " exists on the backend but has no owner"
                        + " in the registry; map it with `lanyard s3 map-bucket`");
            }
            return forwarding.relay(exchange, response, answer);
        }
        AccountId owner = exchange.signedCaller().account();
        S3Bucket created = buckets.createIfAbsent(new S3Bucket(name, owner, Optional.empty(), exchange.env().time()));
        if (!created.owner().equals(owner)) {
            forwarding.discard(response);
            throw new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS);
        }
        return forwarding.relay(exchange, response);
    }

    private Reply deleteBucket(Exchange exchange) {
        BackendResponse response = forwarding.streamed(exchange);
        if (response.statusCode() / 100 == 2) {
            buckets.remove(exchange.classification().bucket().orElseThrow());
        }
        return forwarding.relay(exchange, response);
    }

    /**
     * GetObject, HeadObject, GetObjectAttributes: a missing key is 404 only for a caller who may s3:ListBucket, else
     * 403, so that nobody learns which keys exist without the right to list them (API_GetObject, "Permissions").
     */
    private Reply readObject(Exchange exchange) {
        BackendResponse response = forwarding.streamed(exchange);
        if (response.statusCode() != 404) {
            return forwarding.relay(exchange, response);
        }
        Optional<S3Authorization> listCheck = exchange.classification().listBucketCheck();
        if (listCheck.isPresent()) {
            S3Authorizer.Verdict verdict = authorizer.decide(exchange.snapshot(), exchange.caller(), exchange.env(),
                    listCheck.get(), this::tagsOf);
            if (!verdict.allowed()) {
                forwarding.discard(response);
                S3Exception denied = S3Authorizer.denied(exchange.caller(), verdict);
                throw new S3Exception(S3ErrorCode.ACCESS_DENIED, denied.getMessage(), List.of(),
                        "the key does not exist and s3:ListBucket is not allowed: " + denied.operatorDetail());
            }
        }
        return forwarding.relay(exchange, response);
    }

    private Reply forwardSmall(Exchange exchange, byte[] body) {
        if (exchange.operation() == S3Operation.CREATE_BUCKET) {
            return createBucket(exchange, Optional.of(body));
        }
        return forwarding.relay(exchange, forwarding.withBody(exchange, body));
    }

    /** Reads a body the gateway must see whole (a policy, a DeleteObjects list), verified, at most {@code max}. */
    static byte[] readSmallBody(Exchange exchange, int max) {
        InputStream raw = exchange.request().hasBody() ? exchange.request().body() : InputStream.nullInputStream();
        try (PayloadInputStream in = exchange.payload().open(raw)) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new S3Exception(S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED);
            }
            return body;
        } catch (IOException e) {
            throw PayloadVerificationException.in(e).orElseGet(() -> new S3Exception(S3ErrorCode.INCOMPLETE_BODY,
                    S3ErrorCode.INCOMPLETE_BODY.defaultMessage(), List.of(), e.toString()));
        }
    }

    /** The object's tags from the backend, for {@code s3:ExistingObjectTag/...}; none when it has none. */
    private Map<String, String> tagsOf(ObjectRef object) {
        return forwarding.tagsOf(object);
    }

    /** The signature of a signed request; empty for an anonymous one (no Authorization header, no presigned query). */
    private Optional<SignedRequest> signedRequest(HttpRequestParts parts) {
        if (signatureVersion2(parts)) {
            // S3's answer wherever SigV2 is retired; boto3 presigns with it unless told signature_version='s3v4'.
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The authorization mechanism you have provided is not"
                    + " supported. Please use AWS4-HMAC-SHA256.", List.of(), "a signature version 2 request");
        }
        try {
            return SignedRequest.parse(parts);
        } catch (AwsException e) {
            boolean presigned = parts.rawQuery().contains("X-Amz-Signature") || parts.rawQuery()
                    .contains("X-Amz-Credential");
            throw new S3Exception(presigned ? S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR
                    : S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, e.getMessage(), List.of(), e.operatorDetail());
        }
    }

    private static boolean signatureVersion2(HttpRequestParts parts) {
        String query = "&" + parts.rawQuery();
        return parts.header("Authorization").filter(a -> a.startsWith("AWS ")).isPresent()
                || query.contains("&AWSAccessKeyId=") && query.contains("&Signature=");
    }

    /**
     * Authenticates unless the source's refused authentications have used up its rate (then nothing is checked, and
     * the answer is SlowDown); a refusal is counted with its reason and against the source.
     */
    private S3CallerAuthenticator.Authenticated authenticate(SignedRequest signed, HttpRequestParts parts,
            String source, Optional<AccessKeyId> keyId) {
        throttles.checkAuthenticationAllowed(source, Observations.FrontEnd.S3);
        try {
            return authenticate(signed, parts);
        } catch (S3Exception e) {
            authenticationFailed(source, signed.service().equals("s3") ? AuthenticationFailure.SIGNATURE_REJECTED
                    : AuthenticationFailure.WRONG_SCOPE);
            throw e;
        } catch (CredentialsRejectedException e) {
            // counted under its own reason (a closed account's too), answered in the Query API's words S3 translates
            authenticationFailed(source, e.rejection().metricReason());
            throw e.rejection().queryError(e.getMessage());
        } catch (AwsException e) {
            authenticationFailed(source, failure(e, keyId));
            throw e;
        }
    }

    private void authenticationFailed(String source, AuthenticationFailure reason) {
        observations.authenticationFailed(Observations.FrontEnd.S3, reason);
        throttles.authenticationFailed(source);
    }

    /** Why the signature check or the region rules refused, from their Query API error. */
    private static AuthenticationFailure failure(AwsException e, Optional<AccessKeyId> keyId) {
        return switch (e.errorCode()) {
            case EXPIRED_TOKEN, EXPIRED_TOKEN_EXCEPTION -> AuthenticationFailure.EXPIRED_TOKEN;
            case INVALID_CLIENT_TOKEN_ID -> keyId.filter(AccessKeyId::isTemporary).isPresent()
                    ? AuthenticationFailure.INVALID_TOKEN : AuthenticationFailure.UNKNOWN_ACCESS_KEY;
            default -> AuthenticationFailure.SIGNATURE_REJECTED;
        };
    }

    private S3CallerAuthenticator.Authenticated authenticate(SignedRequest signed, HttpRequestParts parts) {
        if (!signed.service().equals("s3")) {
            throw new S3Exception(signed.presigned() ? S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR
                    : S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; incorrect"
                    + " service \"" + signed.service() + "\". This endpoint belongs to \"s3\".", List.of(), "");
        }
        return authenticator.authenticate(signed, secret -> verifier.verify(signed, parts, secret));
    }

    private static S3Request s3Request(GatewayRequest request, Optional<SignedRequest> signed) {
        Optional<String> contentSha256 = request.header("x-amz-content-sha256");
        RequestSignature signature = signed.isEmpty() ? RequestSignature.anonymous(contentSha256)
                : signed.get().presigned()
                ? new RequestSignature(AuthType.REST_QUERY_STRING, contentSha256)
                : RequestSignature.header(contentSha256.orElse(""));
        return new S3Request(request.method(), request.header("Host").orElse(""), request.rawPath(),
                request.rawQuery(), request.headers(), signature,
                request.tls().flatMap(S3Gateway::s3TlsVersion));
    }

    /** As {@code s3:TlsVersion} takes it: "1.2" for TLSv1.2; empty for a protocol that is not TLS. */
    private static Optional<String> s3TlsVersion(NegotiatedTls tls) {
        return tls.protocol().startsWith("TLSv") ? Optional.of(tls.protocol().substring("TLSv".length()))
                : Optional.empty();
    }

    /** The Query API's authentication errors in S3's words. */
    private static S3Exception translate(AwsException e, Optional<AccessKeyId> keyId) {
        S3ErrorCode code = switch (e.errorCode()) {
            case INVALID_CLIENT_TOKEN_ID -> keyId.filter(AccessKeyId::isTemporary).isPresent()
                    ? S3ErrorCode.INVALID_TOKEN : S3ErrorCode.INVALID_ACCESS_KEY_ID;
            case EXPIRED_TOKEN, EXPIRED_TOKEN_EXCEPTION -> S3ErrorCode.EXPIRED_TOKEN;
            case SIGNATURE_DOES_NOT_MATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
            case INCOMPLETE_SIGNATURE -> S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED;
            case SERVICE_UNAVAILABLE -> S3ErrorCode.SERVICE_UNAVAILABLE;
            case THROTTLING -> S3ErrorCode.SLOW_DOWN;
            case ACCESS_DENIED -> S3ErrorCode.ACCESS_DENIED;
            default -> e.errorCode().httpStatus() >= 500 ? S3ErrorCode.INTERNAL_ERROR : S3ErrorCode.INVALID_REQUEST;
        };
        String message = code.defaultMessage().isEmpty() ? e.getMessage() : code.defaultMessage();
        return new S3Exception(code, message, List.of(), e.getMessage());
    }

    /** What the audit record of one S3 request is made of. */
    private record Audited(String requestId, Instant time, String action, String region,
            Optional<S3Classification> classification, Optional<Caller> caller, Optional<AccessKeyId> keyId,
            GatewayRequest request) {}

    private void record(Audited audited, Optional<S3Exception> error, String detail) {
        try {
            GatewayRequest request = audited.request();
            boolean readOnly = request.method().equals("GET") || request.method().equals("HEAD");
            String name = audited.action().substring("s3:".length());
            boolean data = audited.classification().flatMap(S3Classification::object).isPresent();
            audit.record(new AuditEvent(eventId(), audited.time(), "s3.amazonaws.com", name,
                    audited.region().isEmpty() ? "us-east-1" : audited.region(), request.remoteAddress(),
                    request.header("User-Agent"), audited.caller().map(AuditIdentities::of)
                            .orElseGet(() -> AuditEvent.UserIdentity.unknown(audited.keyId().map(AccessKeyId::value))),
                    requestParameters(audited.classification()), Optional.empty(),
                    error.map(e -> e.errorCode().code()), error.map(Throwable::getMessage), audited.requestId(), readOnly, List.of(),
                    audited.caller().map(c -> c.account().value()), Optional.empty(),
                    request.secure() ? Optional.of(AuditEvent.TlsDetails.of(request.tls(), request.header("Host")))
                            : Optional.empty(),
                    data ? AuditEvent.Category.DATA : AuditEvent.Category.MANAGEMENT,
                    detail.isEmpty() ? Optional.empty() : Optional.of(detail)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auditing S3 request " + audited.requestId() + " failed: " + e);
        }
    }

    /** S3's request parameters as CloudTrail names them: the bucket and the object key. */
    private static Optional<AuditEvent.Elements> requestParameters(Optional<S3Classification> classification) {
        if (classification.isEmpty() || classification.get().bucket().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = JsonNodeFactory
                .instance.objectNode().put("bucketName", classification.get().bucket().get());
        classification.get().object().ifPresent(object -> node.put("key", object.key()));
        return Optional.of(new AuditEvent.Elements(node.toString()));
    }

    /** CloudTrail event IDs: version-4 UUIDs, not secrets, so from the per-thread generator. */
    static String eventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** S3's request IDs: 16 upper-case hex digits. Not secret, so the per-thread generator is enough. */
    static String requestId() {
        return HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void close() {
        backend.close();
    }
}
