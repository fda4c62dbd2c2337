package dev.lanyard.sigv4.internal;

import dev.lanyard.sigv4.HttpRequestParts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the signature a request claims, from its Authorization header or its X-Amz-* query parameters. */
public final class SignatureParser {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    private static final long MAX_EXPIRES_SECONDS = 604_800;
    public static final Set<String> AUTHENTICATION_PARAMETERS = Set.copyOf(PresignedQueryParser.AUTH_PARAMETERS);

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

    /** 1..604800 whole seconds, written as plain decimal digits. */
    static Optional<Duration> expires(Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get();
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw SigV4Errors.expiresNotANumber();
        }
        if (negative) {
            throw SigV4Errors.expiresNegative();
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 7 || Long.parseLong(significant) > MAX_EXPIRES_SECONDS) {
            throw SigV4Errors.expiresBeyondAWeek();
        }
        long seconds = Long.parseLong(significant);
        if (seconds == 0) {
            throw SigV4Errors.expiresZero();
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
