package dev.lanyard.sigv4.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** One decoded query-string parameter, in the order received. */
public record QueryParameter(String name, String value) {
    public QueryParameter {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }

    public static List<QueryParameter> parse(String rawQuery) {
        List<QueryParameter> out = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = (eq < 0 || eq > end) ? end : eq;
                String value = nameEnd < end ? UriEncoding.decode(rawQuery, nameEnd + 1, end) : "";
                out.add(new QueryParameter(UriEncoding.decode(rawQuery, start, nameEnd), value));
            }
            start = end + 1;
        }
        return out;
    }
}
