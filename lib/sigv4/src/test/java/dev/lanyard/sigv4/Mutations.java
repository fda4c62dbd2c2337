package dev.lanyard.sigv4;

import dev.lanyard.sigv4.internal.AmzDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small edits of a request, for "change any signed part and the signature must fail" tests. */
final class Mutations {
    private Mutations() {}

    static HttpRequestParts withHeaderValue(HttpRequestParts request, String name, UnaryOperator<String> change) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((key, values) -> {
            List<String> copy = new ArrayList<>(values);
            if (key.equalsIgnoreCase(name)) {
                copy.set(0, change.apply(copy.getFirst()));
            }
            headers.put(key, copy);
        });
        return new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    static HttpRequestParts withParameter(HttpRequestParts request, String name, UnaryOperator<String> change) {
        List<String> out = new ArrayList<>();
        for (String pair : request.rawQuery().split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(key.equals(name) ? key + "=" + change.apply(value) : pair);
        }
        return request.withRawQuery(String.join("&", out));
    }

    static String removeParameter(String rawQuery, String name) {
        List<String> out = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (!pair.startsWith(name + "=")) {
                out.add(pair);
            }
        }
        return String.join("&", out);
    }

    /** The first parameter that is not one of the X-Amz-* authentication parameters, if any. */
    static java.util.Optional<String> firstPlainParameterName(String rawQuery) {
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.isEmpty() && !name.startsWith("X-Amz-")) {
                return java.util.Optional.of(name);
            }
        }
        return java.util.Optional.empty();
    }

    static String oneSecondLater(String amzDate) {
        return AmzDate.format(AmzDate.parse(amzDate).orElseThrow().plusSeconds(1));
    }

    static HttpRequestParts withPath(HttpRequestParts request, String path) {
        return new HttpRequestParts(request.method(), path, request.rawQuery(), request.headers(), request.body());
    }

    static HttpRequestParts withMethod(HttpRequestParts request, String method) {
        return new HttpRequestParts(method, request.rawPath(), request.rawQuery(), request.headers(), request.body());
    }

    static HttpRequestParts withBody(HttpRequestParts request, byte[] body) {
        return new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(), request.headers(), body);
    }
}
