package dev.lanyard.s3gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of a backend's HTTP/1.1 answer, read strictly and within bounds, and how its body is
 * framed (RFC 9112 section 6.3). Interim 1xx answers are skipped.
 *
 * @param headers names as the backend sent them, values of repeated names merged in order
 * @param reusable whether the connection may carry another request once the body is read to its end
 */
record ResponseHead(int status, Map<String, List<String>> headers, Framing framing, boolean reusable) {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_FIELDS = 256;

    /** How the body that follows is delimited. */
    sealed interface Framing {
        /** No body (an answer to HEAD, 1xx, 204, 304). */
        record None() implements Framing {
        }

        record Fixed(long length) implements Framing {
        }

        record Chunked() implements Framing {
        }

        /** Everything until the backend closes the connection. */
        record UntilClose() implements Framing {
        }
    }

    /** The connection ended before the first byte of an answer: a pooled connection the backend had closed. */
    static final class NoAnswerException extends EOFException {
        NoAnswerException() {
            super("the backend closed the connection without answering");
        }
    }

    static ResponseHead read(InputStream in, boolean answersHead) throws IOException {
        while (true) {
            String statusLine = Lines.read(in, MAX_LINE, true);
            int status = status(statusLine);
            Map<String, List<String>> headers = fields(in);
            if (status == 101) {
                throw new IOException("the backend switched protocols");
            }
            if (status >= 200) {
                return of(status, statusLine.startsWith("HTTP/1.1 "), headers, answersHead);
            }
        }
    }

    private static ResponseHead of(int status, boolean http11, Map<String, List<String>> headers, boolean answersHead)
            throws IOException {
        List<String> connection = tokens(headers, "connection");
        boolean reusable = http11 && !connection.contains("close");
        if (answersHead || status == 204 || status == 304) {
            return new ResponseHead(status, headers, new Framing.None(), reusable);
        }
        List<String> codings = tokens(headers, "transfer-encoding");
        if (!codings.isEmpty()) {
            boolean chunked = codings.getLast().equals("chunked");
            // Both framings at once is a smuggling shape: answer this one, then drop the connection.
            boolean alsoLength = !values(headers, "content-length").isEmpty();
            return new ResponseHead(status, headers, chunked ? new Framing.Chunked() : new Framing.UntilClose(),
                    reusable && chunked && !alsoLength);
        }
        List<String> lengths = tokens(headers, "content-length");
        if (lengths.isEmpty()) {
            return new ResponseHead(status, headers, new Framing.UntilClose(), false);
        }
        long length = -1;
        for (String value : lengths) {
            long parsed = length(value);
            if (length >= 0 && parsed != length) {
                throw new IOException("the backend sent conflicting Content-Length values");
            }
            length = parsed;
        }
        return new ResponseHead(status, headers, new Framing.Fixed(length), reusable);
    }

    private static int status(String line) throws IOException {
        if (!(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 ")) || line.length() < 12
                || line.length() > 12 && line.charAt(12) != ' ') {
            throw new IOException("the backend's status line is not HTTP/1.x: " + printable(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("the backend's status code is not a number: " + printable(line));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new IOException("the backend's status code is out of range: " + status);
        }
        return status;
    }

    private static Map<String, List<String>> fields(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, String> namesByLowerCase = new LinkedHashMap<>();
        int bytes = 0;
        int count = 0;
        while (true) {
            String line = Lines.read(in, MAX_LINE, false);
            if (line.isEmpty()) {
                return headers;
            }
            bytes += line.length() + 2;
            if (++count > MAX_FIELDS || bytes > MAX_HEADER_BYTES) {
                throw new IOException("the backend's answer has too many or too large headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line, colon)) {
                throw new IOException("the backend sent a malformed header line: " + printable(line));
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            String lower = name.toLowerCase(Locale.ROOT);
            String first = namesByLowerCase.computeIfAbsent(lower, k -> name);
            headers.computeIfAbsent(first, k -> new ArrayList<>()).add(value);
        }
    }

    /** A header name: RFC 9110 token characters only (which also rules out obsolete line folding). */
    private static boolean isToken(String line, int end) {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> values(Map<String, List<String>> headers, String lowerName) {
        List<String> values = new ArrayList<>();
        headers.forEach((name, list) -> {
            if (name.toLowerCase(Locale.ROOT).equals(lowerName)) {
                values.addAll(list);
            }
        });
        return values;
    }

    /** Comma-separated list elements of a header, lower-cased, empty elements dropped. */
    private static List<String> tokens(Map<String, List<String>> headers, String lowerName) {
        List<String> tokens = new ArrayList<>();
        for (String value : values(headers, lowerName)) {
            for (String element : value.split(",", -1)) {
                String token = element.strip().toLowerCase(Locale.ROOT);
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    private static long length(String value) throws IOException {
        if (value.isEmpty() || value.length() > 18) {
            throw new IOException("the backend sent an invalid Content-Length");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("the backend sent an invalid Content-Length");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    private static String printable(String line) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Lines of an HTTP/1.1 head: CRLF (or a bare LF) terminated, ISO-8859-1, no control characters but HTAB. */
    static final class Lines {
        private Lines() {
        }

        /**
         * @param first whether this is the first line of an answer, where a clean end of stream means the backend
         *     closed an idle connection rather than a broken answer
         */
        static String read(InputStream in, int max, boolean first) throws IOException {
            byte[] line = new byte[128];
            int n = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (first && n == 0) {
                        throw new NoAnswerException();
                    }
                    throw new EOFException("the backend's answer ended inside its head");
                }
                if (b == '\n') {
                    if (n > 0 && line[n - 1] == '\r') {
                        n--;
                    }
                    return new String(line, 0, n, StandardCharsets.ISO_8859_1);
                }
                if (n > 0 && line[n - 1] == '\r' || b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
                    throw new IOException("the backend's answer has a control character in its head");
                }
                if (n == max) {
                    throw new IOException("a line of the backend's answer is longer than " + max + " bytes");
                }
                if (n == line.length) {
                    line = Arrays.copyOf(line, Math.min(max, line.length * 2));
                }
                line[n++] = (byte) b;
            }
        }
    }
}
