package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.internal.ParsedSignature;
import dev.lanyard.sigv4.internal.SignatureParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parsed but unverified signature information (from the Authorization header or X-Amz-* query parameters). */
public final class SignedRequest {
    /**
     * The query parameters of SigV4 query-string authentication: never parameters of the operation, and
     * X-Amz-Signature (and an X-Amz-Security-Token appended after signing) not even covered by the signature.
     */
    public static final Set<String> AUTHENTICATION_PARAMETERS = SignatureParser.AUTHENTICATION_PARAMETERS;

    private final ParsedSignature parsed;

    private SignedRequest(ParsedSignature parsed) {
        this.parsed = requireNonNull(parsed, "parsed is null");
    }

    /**
     * Empty when the request carries no signature at all (no Authorization header, no X-Amz-Algorithm/X-Amz-Signature
     * parameter).
     *
     * @throws dev.lanyard.aws.AwsException IncompleteSignature when the signature information is malformed, or when
     *     both the Authorization header and query-string authentication are present
     */
    public static Optional<SignedRequest> parse(HttpRequestParts request) {
        requireNonNull(request, "request is null");
        return SignatureParser.parse(request).map(SignedRequest::new);
    }

    /** Exactly as sent; may not be a well-formed AccessKeyId, the caller decides. */
    public String accessKeyId() {
        return parsed.accessKeyId();
    }

    /** The credential-scope date, normally yyyyMMdd (checked against the request time by the verifier). */
    public String scopeDate() {
        return parsed.scopeDate();
    }

    /** From the credential scope; any string is accepted here, the caller checks it names a region it serves. */
    public String region() {
        return parsed.region();
    }

    /** From the credential scope ("sts", "iam", ...); the caller checks it names the service being called. */
    public String service() {
        return parsed.service();
    }

    /** {@code <date>/<region>/<service>/<terminator>} as sent. */
    public String credentialScope() {
        return parsed.scopeDate() + '/' + parsed.region() + '/' + parsed.service() + '/' + parsed.terminator();
    }

    /** Lower-case, as listed. */
    public List<String> signedHeaders() {
        return parsed.signedHeaders();
    }

    /** X-Amz-Date (header or query parameter), else the Date header. */
    public Instant requestTime() {
        return parsed.requestTime();
    }

    /** X-Amz-Security-Token header or query parameter; blank counts as absent. */
    public Optional<String> securityToken() {
        return parsed.securityToken();
    }

    public boolean presigned() {
        return parsed.presigned();
    }

    /**
     * X-Amz-Expires of a presigned URL, already checked to be 1..604800 seconds; how the verifier applies it is its
     * {@link PresignedLifetime}.
     */
    public Optional<Duration> expires() {
        return parsed.expires();
    }

    String signature() {
        return parsed.signature();
    }

    String terminator() {
        return parsed.terminator();
    }

    @Override
    public String toString() {
        return "SignedRequest[" + accessKeyId() + ", scope=" + credentialScope() + ", signedHeaders=" + signedHeaders()
                + ", requestTime=" + requestTime() + ", presigned=" + presigned() + ", securityToken="
                + (securityToken().isPresent() ? "[REDACTED]" : "none") + "]";
    }
}
