package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.ObjectRef;
import dev.lanyard.s3.S3Classification;
import dev.lanyard.sigv4.streaming.PayloadInputStream;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import dev.lanyard.sigv4.streaming.S3Payload;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Forwards an authorized request to the backend and relays its answer: the headers the backend should see (never
 * the client's authentication, never aws-chunked framing), the body decoded and verified as it streams, and the answer
 * streamed back. Memory per request is bounded by the decoder's buffer; a body of unknown length is spooled to a
 * temporary file first, since S3 backends need a Content-Length.
 */
final class Forwarding {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.s3gateway");
    /** Client headers never forwarded: authentication, hop-by-hop, framing, and what the gateway sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "x-amz-security-token", "x-amz-date",
            "x-amz-content-sha256", "host", "content-length", "transfer-encoding", "connection", "keep-alive",
            "expect", "upgrade", "te", "trailer", "proxy-authorization", "proxy-connection", "date",
            "x-amz-decoded-content-length", "x-amz-trailer", "content-encoding", "x-amz-copy-source");
    /** Backend answer headers not relayed: hop-by-hop, and what the listener sets itself. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "date", "server", "x-amz-request-id", "x-amz-id-2");
    /** The largest backend answer the gateway reads whole to rewrite (ListBuckets, DeleteObjects' result). */
    static final int MAX_REWRITTEN_ANSWER = 16 << 20;

    private final BackendClient backend;

    Forwarding(BackendClient backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    /** The request with its own body, decoded and verified while it streams to the backend. */
    BackendResponse streamed(S3Gateway.Exchange exchange) {
        S3Payload payload = exchange.payload();
        GatewayRequest request = exchange.request();
        RawBody raw = new RawBody(request.hasBody() ? request.body() : InputStream.nullInputStream());
        OptionalLong length = payload.decodedContentLength();
        Path spooled = null;
        try {
            BackendBody body;
            if (length.isPresent() && length.getAsLong() > 0) {
                body = new BackendBody.Streamed(payload.open(raw), length.getAsLong());
            } else if (length.isPresent() || !request.hasBody()) {
                verifyEmpty(payload, raw);
                body = BackendBody.empty();
            } else {
                spooled = spool(payload, raw);
                body = BackendBody.OfFile.of(spooled);
            }
            return send(exchange, forwardedHeaders(exchange), body);
        } catch (IOException e) {
            throw failure(e, raw);
        } finally {
            deleteQuietly(spooled);
        }
    }

    /** The request with a body the gateway already read and verified (or rewrote). */
    BackendResponse withBody(S3Gateway.Exchange exchange, byte[] body) {
        return withBody(exchange, body, Map.of());
    }

    BackendResponse withBody(S3Gateway.Exchange exchange, byte[] body, Map<String, String> replaced) {
        Map<String, String> headers = forwardedHeaders(exchange);
        if (!replaced.isEmpty()) {
            // A rewritten body invalidates whatever digests the client sent for its own.
            headers.keySet().removeIf(name -> name.equals("content-md5") || name.startsWith("x-amz-checksum-")
                    || name.equals("x-amz-sdk-checksum-algorithm"));
            headers.putAll(replaced);
        }
        RawBody none = new RawBody(InputStream.nullInputStream());
        try {
            return send(exchange, headers, BackendBody.of(body));
        } catch (IOException e) {
            throw failure(e, none);
        }
    }

    /** A request of the gateway's own to the backend (ListBuckets, GetObjectTagging). */
    BackendResponse own(String method, String path, String query) {
        RawBody none = new RawBody(InputStream.nullInputStream());
        try {
            return backend.send(method, path, query, Map.of(), BackendBody.empty());
        } catch (IOException e) {
            throw failure(e, none);
        }
    }

    private BackendResponse send(S3Gateway.Exchange exchange, Map<String, String> headers, BackendBody body)
            throws IOException {
        S3Classification classification = exchange.classification();
        return backend.send(exchange.request().method(), classification.backendPath(),
                classification.backendQuery(), headers, body);
    }

    /**
     * The backend's answer as it is: status, headers, the body streamed through. An error answer (small) is read
     * first, so the operator's log says what the backend refused.
     */
    Reply relay(S3Gateway.Exchange exchange, BackendResponse response) {
        if (response.statusCode() >= 400 && !exchange.request().method().equals("HEAD")) {
            byte[] body = readWhole(response);
            LOG.log(System.Logger.Level.INFO, "request=" + exchange.requestId() + " s3:"
                    + exchange.operation().awsName() + " the backend answered " + response.statusCode() + " "
                    + errorCode(body).orElse("(no error code)"));
            return relay(exchange, response, body);
        }
        return relayStreamed(exchange, response);
    }

    private Reply relayStreamed(S3Gateway.Exchange exchange, BackendResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
            }
        });
        headers.put("x-amz-request-id", List.of(exchange.requestId()));
        OptionalLong length = response.contentLength();
        return new Reply(response.statusCode(), headers, length, response.body());
    }

    /** A backend answer already read whole, relayed with its status and headers. */
    Reply relay(S3Gateway.Exchange exchange, BackendResponse response, byte[] body) {
        Reply streamed = relayStreamed(exchange, response);
        discard(response);
        return new Reply(streamed.status(), streamed.headers(), OptionalLong.of(body.length),
                new ByteArrayInputStream(body), streamed.status() >= 400 ? errorCode(body) : Optional.empty());
    }

    /** The {@code <Code>} of a backend error document; empty when it is not one. */
    static Optional<String> errorCode(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Xml.childText(Xml.parse(body).getDocumentElement(), "Code");
        } catch (S3Exception e) {
            return Optional.empty();
        }
    }

    /** Reads a backend answer whole, up to {@link #MAX_REWRITTEN_ANSWER}, to rewrite it. */
    byte[] readWhole(BackendResponse response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_REWRITTEN_ANSWER + 1);
            if (body.length > MAX_REWRITTEN_ANSWER) {
                throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                        List.of(), "the backend's answer is larger than " + MAX_REWRITTEN_ANSWER + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), List.of(),
                    "reading the backend's answer failed: " + e);
        }
    }

    void discard(BackendResponse response) {
        try {
            response.discard();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a backend answer failed: " + e);
        }
    }

    /** GetObjectTagging on the backend; an object that does not exist has no tags. */
    Map<String, String> tagsOf(ObjectRef object) {
        String query = "tagging" + object.versionId().map(v -> "&versionId=" + PercentEncoding.encode(v, false))
                .orElse("");
        BackendResponse response = own("GET", "/" + object.bucket() + "/"
                + PercentEncoding.encode(object.key(), true), query);
        if (response.statusCode() == 404) {
            discard(response);
            return Map.of();
        }
        byte[] body = readWhole(response);
        if (response.statusCode() != 200) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), List.of(),
                    "the backend refused GetObjectTagging for the existing-tag keys: " + response.statusCode());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Element root = Xml.parse(body).getDocumentElement();
        for (Element set : Xml.children(root, "TagSet")) {
            for (Element tag : Xml.children(set, "Tag")) {
                tags.put(Xml.childText(tag, "Key").orElse(""), Xml.childText(tag, "Value").orElse(""));
            }
        }
        return tags;
    }

    /** The client's headers as the backend should see them, lower-case names, multiple values joined. */
    Map<String, String> forwardedHeaders(S3Gateway.Exchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.request().headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower)) {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        exchange.payload().forwardedContentEncoding().ifPresent(e -> headers.put("content-encoding", e));
        exchange.classification().backendCopySource().ifPresent(s -> headers.put("x-amz-copy-source", s));
        boolean checksumHeader = headers.keySet().stream().anyMatch(n -> n.startsWith("x-amz-checksum-")
                && !n.equals("x-amz-checksum-type") && !n.equals("x-amz-checksum-mode")
                && !n.equals("x-amz-checksum-algorithm"));
        if (!checksumHeader) {
            // The checksum came in the trailer, which is not forwarded: the backend must not wait for one.
            headers.remove("x-amz-sdk-checksum-algorithm");
        }
        return headers;
    }

    private static void verifyEmpty(S3Payload payload, InputStream raw) throws IOException {
        try (PayloadInputStream in = payload.open(raw)) {
            if (in.read() >= 0) {
                throw new PayloadVerificationException(new S3Exception(S3ErrorCode.INCOMPLETE_BODY));
            }
        }
    }

    /** A body of unknown length to a temporary file, verified, so the backend gets a Content-Length. */
    private static Path spool(S3Payload payload, InputStream raw) throws IOException {
        Path file = Files.createTempFile("lanyard-s3-", ".part");
        try (PayloadInputStream in = payload.open(raw)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the spooled body " + file + ": " + e);
        }
    }

    /** S3's error for a failed forward: the payload's own, the client's broken body, or the backend unreachable. */
    private static S3Exception failure(IOException e, RawBody raw) {
        Optional<S3Exception> verification = PayloadVerificationException.in(e);
        if (verification.isPresent()) {
            return verification.get();
        }
        if (raw.failed) {
            return new S3Exception(S3ErrorCode.INCOMPLETE_BODY, S3ErrorCode.INCOMPLETE_BODY.defaultMessage(),
                    List.of(), "reading the client's body failed: " + e);
        }
        boolean unreachable = e instanceof ConnectException;
        return new S3Exception(unreachable ? S3ErrorCode.SERVICE_UNAVAILABLE : S3ErrorCode.INTERNAL_ERROR,
                unreachable ? "Please reduce your request rate." : S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                List.of(), "forwarding to the backend failed: " + e);
    }

    /** The client's raw body, remembering whether reading it failed (the client went away, say). */
    private static final class RawBody extends FilterInputStream {
        private volatile boolean failed;

        RawBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
