package dev.lanyard.sigv4.streaming.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.S3Exception;
import dev.lanyard.sigv4.internal.S3Errors;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The raw aws-chunked body: CRLF-terminated lines read through a small buffer of its own, chunk data read straight
 * into the caller's array once that buffer is empty. A body that ends where more is required is {@code IncompleteBody}.
 */
public final class WireReader {
    private static final int BUFFER_BYTES = 8192;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean eof;

    public WireReader(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    /**
     * A line without its CRLF, as ISO-8859-1 text (framing is ASCII; anything else fails to parse later).
     *
     * @param what names the line for the operator, e.g. "chunk 3 header"
     * @param malformed the error for a line that is too long or ends in a bare LF
     */
    public String readLine(int maxLength, String what, Function<String, S3Exception> malformed) throws IOException {
        StringBuilder line = new StringBuilder(Math.min(maxLength, 128));
        while (true) {
            int b = read();
            if (b < 0) {
                throw truncated(what);
            }
            if (b == '\n') {
                int last = line.length() - 1;
                if (last < 0 || line.charAt(last) != '\r') {
                    throw new PayloadVerificationException(malformed.apply(what + " ends in a bare LF"));
                }
                line.setLength(last);
                return line.toString();
            }
            if (line.length() > maxLength) {
                throw new PayloadVerificationException(malformed.apply(what + " is longer than " + maxLength));
            }
            line.append((char) b);
        }
    }

    /** Exactly {@code length} bytes into {@code target}. */
    public void readFully(byte[] target, int offset, int length, String what) throws IOException {
        int done = 0;
        while (done < length) {
            done += readSome(target, offset + done, length - done, what);
        }
    }

    /** At least one and at most {@code length} bytes into {@code target}; {@code length} must be positive. */
    public int readSome(byte[] target, int offset, int length, String what) throws IOException {
        if (position < limit) {
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }
        int n = 0;
        // A positive length gets at least one byte or the end, as InputStream promises; 0 would mean "try again".
        while (n == 0) {
            n = eof ? -1 : in.read(target, offset, length);
        }
        if (n < 0) {
            eof = true;
            throw truncated(what);
        }
        return n;
    }

    /** The CRLF that ends chunk data and the trailer. */
    public void expectCrlf(String what) throws IOException {
        int cr = read();
        int lf = cr < 0 ? -1 : read();
        if (cr < 0 || lf < 0) {
            throw truncated(what);
        }
        if (cr != '\r' || lf != '\n') {
            throw new PayloadVerificationException(S3Errors.malformedBody(what + " is not followed by CRLF"));
        }
    }

    /** True when the body has no byte left. */
    public boolean atEnd() throws IOException {
        return position == limit && !fill();
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    public void close() throws IOException {
        in.close();
    }

    private static PayloadVerificationException truncated(String what) {
        return new PayloadVerificationException(S3Errors.malformedBody("the body ends in " + what));
    }

    /** For messages: a line as received, non-printable characters escaped and long ones cut. */
    public static String quote(String line) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < Math.min(line.length(), 80); i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.append(line.length() > 80 ? "...'" : "'").toString();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
