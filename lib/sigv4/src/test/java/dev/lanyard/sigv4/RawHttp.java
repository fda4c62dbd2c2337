package dev.lanyard.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple HTTP/1.1 text parser for the test-suite files, with the three quirks those files need:
 * LF line ends; a request target that may contain spaces ("GET /example space/ HTTP/1.1": the target is everything
 * between the first and the last space); obs-fold continuation lines (get-header-value-multiline), joined to the
 * previous value with one space as RFC 9112 section 5.2 allows. Header lines are "Name:value" with the value as is.
 * The body is whatever follows the first empty line.
 */
record RawHttp(String method, String target, Map<String, List<String>> headers, String head, byte[] body) {

    static RawHttp parse(String text) {
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank + 1);
        String body = blank < 0 ? "" : text.substring(blank + 2);
        List<String> lines = head.lines().toList();
        String requestLine = lines.getFirst();
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace < 0 || lastSpace <= firstSpace || !requestLine.endsWith("HTTP/1.1")) {
            throw new IllegalArgumentException("not an HTTP/1.1 request line: " + requestLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String lastName = null;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                List<String> values = headers.get(lastName);
                values.set(values.size() - 1, values.getLast() + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            lastName = line.substring(0, colon);
            headers.computeIfAbsent(lastName, k -> new ArrayList<>()).add(line.substring(colon + 1));
        }
        return new RawHttp(requestLine.substring(0, firstSpace), requestLine.substring(firstSpace + 1, lastSpace),
                headers, head, body.getBytes(StandardCharsets.UTF_8));
    }

    String rawPath() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    HttpRequestParts toParts() {
        return new HttpRequestParts(method, rawPath(), rawQuery(), headers, body);
    }
}
