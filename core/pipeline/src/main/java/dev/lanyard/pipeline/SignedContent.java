package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.SignedRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request says, taken only from bytes its signature covers, so that nothing unsigned can change what a
 * signed request does:
 * <ul>
 *   <li>the query string, always covered (its SigV4 authentication parameters are dropped by the decoder);
 *   <li>the body, covered by the payload hash the verifier computes from the bytes received, but never for a
 *       presigned request: its parameters come from the signed query alone, and a body with it is refused;
 *   <li>{@code X-Amz-Target} (which picks the JSON protocol and its operation) only when signed: present but unsigned
 *       it is refused;
 *   <li>{@code Content-Type} decides whether the body is a form only when signed; unsigned (the AWS SDK for
 *       JavaScript v2 does not sign it) or absent, the body of a Query request is read as the form it is signed as.
 * </ul>
 * An unsigned request (only AssumeRoleWithWebIdentity and AssumeRoleWithSAML accept one) says what all its bytes say.
 * Headers that only shape the answer ({@code Accept}) or are recorded ({@code User-Agent}) are read elsewhere.
 */
record SignedContent(String rawQuery, byte[] body, boolean bodyIsForm, Optional<String> target) {
    private static final String TARGET = "X-Amz-Target";
    private static final String CONTENT_TYPE = "Content-Type";
    private static final String FORM = "application/x-www-form-urlencoded";

    SignedContent {
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(body, "body is null");
        requireNonNull(target, "target is null");
    }

    static SignedContent of(HttpExchange exchange, Optional<SignedRequest> signature) {
        if (signature.isEmpty()) {
            return new SignedContent(exchange.rawQuery(), exchange.body(), isForm(exchange.header(CONTENT_TYPE)),
                    exchange.header(TARGET));
        }
        SignedRequest signed = signature.get();
        Optional<String> target = signedHeader(exchange, signed, TARGET);
        if (signed.presigned()) {
            if (exchange.body().length > 0) {
                throw PipelineErrors.presignedWithBody();
            }
            return new SignedContent(exchange.rawQuery(), exchange.body(), false, target);
        }
        boolean form = !isSigned(signed, CONTENT_TYPE) || isForm(exchange.header(CONTENT_TYPE));
        return new SignedContent(exchange.rawQuery(), exchange.body(), form, target);
    }

    /** The body when it is a form, else nothing: what the Query decoder reads after the query string. */
    byte[] formBody() {
        return bodyIsForm && body.length > 0 ? body : new byte[0];
    }

    private static Optional<String> signedHeader(HttpExchange exchange, SignedRequest signed, String name) {
        Optional<String> value = exchange.header(name);
        if (value.isPresent() && !isSigned(signed, name)) {
            throw PipelineErrors.headerNotSigned(name);
        }
        return value;
    }

    private static boolean isSigned(SignedRequest signed, String name) {
        return signed.signedHeaders().contains(name.toLowerCase(Locale.ROOT));
    }

    /** Absent counts as a form: that is what Query clients send. */
    private static boolean isForm(Optional<String> contentType) {
        return contentType.map(type -> type.toLowerCase(Locale.ROOT).startsWith(FORM)).orElse(true);
    }
}
