package dev.lanyard.sigv4.internal;

import dev.lanyard.sigv4.HttpRequestParts;
import java.util.List;
import java.util.Optional;

/** Query-string authentication (presigned URLs): the X-Amz-* parameters. */
final class PresignedQueryParser {
    private static final String ALGORITHM = "X-Amz-Algorithm";
    private static final String CREDENTIAL = "X-Amz-Credential";
    private static final String SIGNATURE = "X-Amz-Signature";
    private static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    private static final String EXPIRES = "X-Amz-Expires";
    static final List<String> AUTH_PARAMETERS = List.of(ALGORITHM, CREDENTIAL, SIGNATURE,
            SignatureParser.X_AMZ_DATE, SIGNED_HEADERS, EXPIRES, SignatureParser.SECURITY_TOKEN);

    private PresignedQueryParser() {}

    static boolean carriesSignature(List<QueryParameter> query) {
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(ALGORITHM) || parameter.name().equals(SIGNATURE)) {
                return true;
            }
        }
        return false;
    }

    static ParsedSignature parse(List<QueryParameter> query, HttpRequestParts request) {
        String[] values = authParameterValues(query);
        for (int i = 0; i < 5; i++) {
            if (values[i] == null) {
                throw SigV4Errors.incomplete(SigV4Errors.MISSING_QUERY_PARAMETERS);
            }
        }
        if (!values[0].equals(SignatureParser.ALGORITHM)) {
            throw SigV4Errors.unsupportedAlgorithm(values[0]);
        }
        Credential credential = Credential.parse(values[1]);
        var time = SignatureParser.parseAmzDate(values[3]);
        List<String> signedHeaders = SignedHeaderList.parse(values[4]);
        var expires = SignatureParser.expires(Optional.ofNullable(values[5]));
        Optional<String> token = SignatureParser.nonBlank(Optional.ofNullable(values[6]))
                .or(() -> SignatureParser.nonBlank(request.header(SignatureParser.SECURITY_TOKEN)));
        return new ParsedSignature(credential.accessKeyId(), credential.date(), credential.region(),
                credential.service(), credential.terminator(), signedHeaders, time, token, true, values[2], expires);
    }

    /** Values in {@link #AUTH_PARAMETERS} order, null when absent; a repeated one is rejected as ambiguous. */
    private static String[] authParameterValues(List<QueryParameter> query) {
        String[] values = new String[AUTH_PARAMETERS.size()];
        for (QueryParameter parameter : query) {
            int index = AUTH_PARAMETERS.indexOf(parameter.name());
            if (index >= 0) {
                if (values[index] != null) {
                    throw SigV4Errors.repeatedQueryParameter(parameter.name());
                }
                values[index] = parameter.value();
            }
        }
        return values;
    }
}
