package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** XML is the Query protocol's format; STS also answers in JSON when asked (aws-iam-authenticator relies on it). */
public enum ResponseFormat {
    XML,
    JSON;

    private static final String JSON_MEDIA_TYPE = "application/json";

    /** JSON when the Accept header contains {@code application/json} (case-insensitive), else XML. */
    public static ResponseFormat fromAcceptHeader(Optional<String> accept) {
        requireNonNull(accept, "accept is null");
        return accept.filter(ResponseFormat::mentionsJson).isPresent() ? JSON : XML;
    }

    private static boolean mentionsJson(String header) {
        int last = header.length() - JSON_MEDIA_TYPE.length();
        for (int i = 0; i <= last; i++) {
            if (header.regionMatches(true, i, JSON_MEDIA_TYPE, 0, JSON_MEDIA_TYPE.length())) {
                return true;
            }
        }
        return false;
    }
}
