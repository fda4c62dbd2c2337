package dev.lanyard.sigv4.internal;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Every client-facing SigV4 failure, worded as AWS words it (see aws-sts-api.md sections 9 and 11). */
public final class SigV4Errors {
    public static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";
    public static final String MISSING_QUERY_PARAMETERS = "AWS query-string parameters must include 'X-Amz-Algorithm',"
            + " 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the"
            + " query-string parameters.";

    private SigV4Errors() {}

    public static AwsException incomplete(String message) {
        return new AwsException(ErrorCode.INCOMPLETE_SIGNATURE, message);
    }

    public static AwsException mismatch(String message) {
        return new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, message);
    }

    public static AwsException signatureMismatch(String operatorDetail) {
        return new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH, operatorDetail);
    }

    /** @param missing messages such as "Authorization header requires 'Credential' parameter.", in AWS's order */
    public static AwsException missingAuthorizationParts(List<String> missing, String header) {
        return incomplete(String.join(" ", missing) + " Authorization=" + header);
    }

    public static AwsException missingEqualSign(String part, String header) {
        return incomplete("'" + part + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + header + "'.");
    }

    public static AwsException unsupportedAlgorithm(String algorithm) {
        return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    public static AwsException malformedCredential(String credential) {
        return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                + " got '" + credential + "'");
    }

    public static AwsException hostNotSigned() {
        return incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    public static AwsException malformedDate(String value) {
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + value
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    public static AwsException repeatedQueryParameter(String name) {
        return incomplete("AWS query-string parameter '" + name + "' must appear only once."
                + " Re-examine the query-string parameters.");
    }

    /** S3's wording for the same mistakes; AWS's Query services have none on record. */
    public static AwsException expiresNotANumber() {
        return incomplete("X-Amz-Expires should be a number");
    }

    public static AwsException expiresNegative() {
        return incomplete("X-Amz-Expires must be non-negative");
    }

    /** Lanyard's own wording: AWS's SDKs refuse 0 before sending, so no answer of AWS is on record. */
    public static AwsException expiresZero() {
        return incomplete("X-Amz-Expires must be at least 1 second");
    }

    public static AwsException expiresBeyondAWeek() {
        return incomplete("X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must"
                + " be less than 604800 seconds");
    }

    /** AWS's common RequestExpired, worded as EC2 and the other Query services send it. */
    public static AwsException requestExpired(Instant requestTime, Duration expires, Instant now) {
        return new AwsException(ErrorCode.REQUEST_EXPIRED, "Request has expired.", "presigned at "
                + AmzDate.format(requestTime) + " for " + expires.toSeconds() + " s, now " + AmzDate.format(now));
    }

    public static AwsException bothAuthMechanisms() {
        return incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query"
                + " string parameter or the Authorization header should be specified");
    }

    public static AwsException badTerminator(String terminator) {
        return mismatch("Credential should be scoped with a valid terminator: 'aws4_request', not '" + terminator + "'.");
    }

    public static AwsException scopeDateMismatch(String scopeDate, String amzDate) {
        return mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
    }

    public static AwsException expired(Instant requestTime, Instant now, Duration skew) {
        return mismatch("Signature expired: " + AmzDate.format(requestTime) + " is now earlier than "
                + AmzDate.format(now.minus(skew)) + " (" + AmzDate.format(now) + " - " + describe(skew) + ")");
    }

    public static AwsException notYetCurrent(Instant requestTime, Instant now, Duration skew) {
        return mismatch("Signature not yet current: " + AmzDate.format(requestTime) + " is still later than "
                + AmzDate.format(now.plus(skew)) + " (" + AmzDate.format(now) + " + " + describe(skew) + ")");
    }

    public static AwsException payloadHashMismatch() {
        return mismatch("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    private static String describe(Duration skew) {
        return skew.toSecondsPart() == 0 && skew.toNanosPart() == 0
                ? skew.toMinutes() + " min."
                : skew.toSeconds() + " sec.";
    }
}
