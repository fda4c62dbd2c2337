package dev.lanyard.s3gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend answer reader: framing as RFC 9112 section 6.3 has it, strict heads, bodies that end exactly. */
class ResponseHeadTest {
    private final List<Boolean> releases = new ArrayList<>();

    @Test
    void fixedLengthBodyEndsExactlyAndFreesTheConnection() throws IOException {
        InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: \"x\"\r\n\r\nhello"
                + "HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(body(in, false)).isEqualTo("hello");
        assertThat(releases).containsExactly(true);
        ResponseHead next = ResponseHead.read(in, false);
        assertThat(next.status()).isEqualTo(204);
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() throws IOException {
        InputStream in = stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32: AAAAAA==\r\n\r\nNEXT");
        assertThat(body(in, false)).isEqualTo("hello world");
        assertThat(releases).containsExactly(true);
        assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("NEXT");
    }

    @Test
    void answersWithoutABodyDespiteTheirHeaders() throws IOException {
        assertThat(body(stream("HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n"), true)).isEmpty();
        assertThat(body(stream("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"), false)).isEmpty();
        assertThat(body(stream("HTTP/1.1 204 No Content\r\n\r\n"), false)).isEmpty();
        assertThat(releases).containsExactly(true, true, true);
    }

    @Test
    void interimAnswersAreSkipped() throws IOException {
        InputStream in = stream("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        ResponseHead head = ResponseHead.read(in, false);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers()).containsEntry("Content-Length", List.of("2"));
    }

    @Test
    void connectionsThatCannotCarryAnotherRequest() throws IOException {
        assertThat(body(stream("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na"), false))
                .isEqualTo("a");
        assertThat(body(stream("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\na"), false)).isEqualTo("a");
        assertThat(body(stream("HTTP/1.1 200 OK\r\n\r\nuntil the end"), false)).isEqualTo("until the end");
        // Both framings: chunked wins, and the connection is dropped afterwards.
        assertThat(body(stream("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1\r\na\r\n0\r\n\r\n"), false)).isEqualTo("a");
        assertThat(releases).containsExactly(false, false, false, false);
    }

    @Test
    void repeatedHeadersAreMergedUnderTheFirstSpelling() throws IOException {
        ResponseHead head = ResponseHead.read(stream("HTTP/1.1 200 OK\r\nx-amz-meta-a: 1\r\nX-Amz-Meta-A: 2\r\n"
                + "Content-Length: 0\r\n\r\n"), false);
        assertThat(head.headers()).containsEntry("x-amz-meta-a", List.of("1", "2"));
    }

    @Test
    void malformedHeadsAreRefused() {
        for (String bad : List.of("HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "HTTP/1.1 099 Low\r\n\r\n",
                "HTTP/1.1 200OK\r\n\r\n", "ICY 200 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", "HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\n\r\n", "HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n",
                "HTTP/1.1 101 Switching Protocols\r\n\r\n", "HTTP/1.1 200 OK\r\n" + "X-A: 1\r\n".repeat(300) + "\r\n",
                "HTTP/1.1 200 OK\r\nX-A: " + "a".repeat(ResponseHead.MAX_LINE) + "\r\n\r\n")) {
            assertThatThrownBy(() -> ResponseHead.read(stream(bad), false)).as(bad).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anEndBeforeTheAnswerIsTellableFromABrokenOne() {
        assertThatThrownBy(() -> ResponseHead.read(stream(""), false))
                .isInstanceOf(ResponseHead.NoAnswerException.class);
        assertThatThrownBy(() -> ResponseHead.read(stream("HTTP/1.1 200 OK\r\nX-A"), false))
                .isInstanceOf(EOFException.class).isNotInstanceOf(ResponseHead.NoAnswerException.class);
    }

    @Test
    void truncatedAndOverlongBodiesAreErrors() {
        assertThatThrownBy(() -> body(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), false))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> body(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n"),
                false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> body(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), false))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> body(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"), false))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void closingBeforeTheEndDropsTheConnection() throws IOException {
        InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        BackendBodyStream body = new BackendBodyStream(in, ResponseHead.read(in, false), releases::add);
        assertThat(body.read()).isEqualTo('h');
        body.close();
        body.close();
        assertThat(releases).containsExactly(false);
    }

    private String body(InputStream in, boolean answersHead) throws IOException {
        ResponseHead head = ResponseHead.read(in, answersHead);
        try (BackendBodyStream body = new BackendBodyStream(in, head, releases::add)) {
            return new String(body.readAllBytes(), ISO_8859_1);
        }
    }

    private static InputStream stream(String bytes) {
        return new ByteArrayInputStream(bytes.getBytes(ISO_8859_1));
    }
}
