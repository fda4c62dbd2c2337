package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Lets an HTTP/1.1 engine serve HTTP/1.0 requests, as nginx sends them with its default {@code proxy_pass}: the bytes
 * of a connection, with the request line of its first request rewritten from {@code HTTP/1.0} to {@code HTTP/1.1}
 * and {@code Connection: close} added as the first header, so the engine answers it (with a Content-Length, never
 * chunked) and then closes the connection, as HTTP/1.0 without keep-alive expects. Answering "HTTP/1.1" to an
 * HTTP/1.0 request is what RFC 9110 section 6.2 asks of a 1.1 server. Only the first request of a connection is looked
 * at: one that starts with an HTTP/1.1 request stays 1.1 throughout.
 */
final class Http10Requests implements Supplier<byte[]> {
    private static final byte[] HTTP_10_LINE_END = " HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_11_AND_CLOSE = " HTTP/1.1\r\nConnection: close\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final Supplier<byte[]> source;
    private final int maxLineLength;
    private ByteArrayOutputStream firstLine = new ByteArrayOutputStream();

    /**
     * @param source the connection's bytes, null at their end
     * @param maxLineLength a first line of this many bytes or more (line end included) is left alone, for the engine
     *     to refuse
     */
    Http10Requests(Supplier<byte[]> source, int maxLineLength) {
        this.source = requireNonNull(source, "source is null");
        this.maxLineLength = maxLineLength;
    }

    @Override
    public byte[] get() {
        if (firstLine == null) {
            return source.get();
        }
        while (true) {
            byte[] chunk = source.get();
            if (chunk == null) {
                return finish(firstLine.toByteArray(), -1);
            }
            firstLine.writeBytes(chunk);
            byte[] buffered = firstLine.toByteArray();
            int lineFeed = indexOf(buffered, (byte) '\n');
            if (lineFeed >= 0 || buffered.length >= maxLineLength) {
                return finish(buffered, lineFeed);
            }
        }
    }

    /** The buffered bytes, rewritten when their first line ends in " HTTP/1.0"; null if there were none. */
    private byte[] finish(byte[] buffered, int lineFeed) {
        firstLine = null;
        if (buffered.length == 0) {
            return null;
        }
        int lineEnd = lineFeed + 1;
        int versionAt = lineEnd - HTTP_10_LINE_END.length;
        if (lineFeed < 0 || lineFeed >= maxLineLength || versionAt < 0
                || !Arrays.equals(buffered, versionAt, lineEnd, HTTP_10_LINE_END, 0, HTTP_10_LINE_END.length)) {
            return buffered;
        }
        byte[] rewritten = new byte[buffered.length - HTTP_10_LINE_END.length + HTTP_11_AND_CLOSE.length];
        System.arraycopy(buffered, 0, rewritten, 0, versionAt);
        System.arraycopy(HTTP_11_AND_CLOSE, 0, rewritten, versionAt, HTTP_11_AND_CLOSE.length);
        System.arraycopy(buffered, lineEnd, rewritten, versionAt + HTTP_11_AND_CLOSE.length,
                buffered.length - lineEnd);
        return rewritten;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
