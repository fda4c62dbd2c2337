package dev.lanyard.sigv4.internal;

import dev.lanyard.sigv4.HttpRequestParts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the signature a request claims, from its Authorization header or its X-Amz-* query parameters. */
public final class SignatureParser {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";

    private SignatureParser() {}

    /** Empty when the request carries no signature at all. */
    public static Optional<ParsedSignature> parse(HttpRequestParts request) {
        Optional<String> authorization = request.header("Authorization");
        List<QueryParameter> query = request.rawQuery().isEmpty() ? List.of() : QueryParameter.parse(request.rawQuery());
        boolean queryAuth = PresignedQueryParser.carriesSignature(query);
        if (authorization.isPresent()) {
            if (queryAuth) {
                throw SigV4Errors.bothAuthMechanisms();
            }
            return Optional.of(fromHeader(authorization.get(), request, query));
        }
        return queryAuth ? Optional.of(PresignedQueryParser.parse(query, request)) : Optional.empty();
    }

    private static ParsedSignature fromHeader(String header, HttpRequestParts request, List<QueryParameter> query) {
        AuthorizationHeaderParser.Parts parts = AuthorizationHeaderParser.parse(header);
        Optional<String> amzDate = request.header(X_AMZ_DATE);
        Optional<String> httpDate = amzDate.isPresent() ? Optional.empty() : request.header("Date");
        List<String> missing = AuthorizationHeaderParser.missing(parts, amzDate.isPresent() || httpDate.isPresent());
        if (!missing.isEmpty()) {
            throw SigV4Errors.missingAuthorizationParts(missing, header);
        }
        if (!parts.algorithm().equals(ALGORITHM)) {
            throw SigV4Errors.unsupportedAlgorithm(parts.algorithm());
        }
        Credential credential = Credential.parse(parts.credential());
        List<String> signedHeaders = SignedHeaderList.parse(parts.signedHeaders());
        Instant time = amzDate.isPresent() ? parseAmzDate(amzDate.get()) : parseHttpDate(httpDate.orElseThrow());
        Optional<String> token = nonBlank(request.header(SECURITY_TOKEN)).or(() -> queryToken(query));
        return new ParsedSignature(credential.accessKeyId(), credential.date(), credential.region(),
                credential.service(), credential.terminator(), signedHeaders, time, token, false,
                parts.signature(), Optional.empty());
    }

    static Instant parseAmzDate(String value) {
        return AmzDate.parse(value).orElseThrow(() -> SigV4Errors.malformedDate(value));
    }

    private static Instant parseHttpDate(String value) {
        return AmzDate.parseHttpDate(value).orElseThrow(() -> SigV4Errors.malformedDate(value));
    }

    static Optional<String> queryToken(List<QueryParameter> query) {
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(SECURITY_TOKEN)) {
                return nonBlank(Optional.of(parameter.value()));
            }
        }
        return Optional.empty();
    }

    static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    static Optional<Duration> expires(Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get();
        long seconds = -1;
        if (!text.isEmpty() && text.length() <= 7 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            seconds = Long.parseLong(text);
        }
        if (seconds < 1 || seconds > 604_800) {
            throw SigV4Errors.malformedExpires(text);
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
