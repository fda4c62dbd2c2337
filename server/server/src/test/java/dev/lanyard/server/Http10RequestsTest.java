package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP/1.0 request line of a connection's first request becomes HTTP/1.1 with Connection: close; nothing else. */
class Http10RequestsTest {
    private static final int MAX_LINE = 64;

    /** Everything the rewriter hands on, when the connection's bytes arrive in these chunks. */
    static String through(List<String> chunks, int maxLine) {
        Deque<byte[]> source = new ArrayDeque<>();
        chunks.forEach(chunk -> source.add(chunk.getBytes(StandardCharsets.ISO_8859_1)));
        Http10Requests rewriter = new Http10Requests(source::poll, maxLine);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] next = rewriter.get(); next != null; next = rewriter.get()) {
            assertThat(next).isNotEmpty();
            out.writeBytes(next);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anHttp10RequestBecomesAnHttp11OneThatClosesTheConnection() {
        assertThat(through(List.of("GET /health HTTP/1.0\r\nHost: h\r\n\r\n"), MAX_LINE))
                .isEqualTo("GET /health HTTP/1.1\r\nConnection: close\r\nHost: h\r\n\r\n");
    }

    @Test
    void theRequestLineMayArriveInPieces() {
        assertThat(through(List.of("PO", "ST / HTTP/1", ".0\r", "\nContent-Length: 2\r\n\r\nab"), MAX_LINE))
                .isEqualTo("POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\nab");
    }

    @Test
    void http11AndLaterRequestsAreLeftAlone() {
        String first11 = "GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.0\r\n\r\n";
        assertThat(through(List.of(first11), MAX_LINE)).isEqualTo(first11);
        String bodyLooksLikeALine = "GET / HTTP/1.1\r\n\r\n";
        assertThat(through(List.of(bodyLooksLikeALine, "X HTTP/1.0\r\n"), MAX_LINE))
                .isEqualTo(bodyLooksLikeALine + "X HTTP/1.0\r\n");
    }

    @Test
    void whatIsNotARequestLineIsHandedOnAsItCame() {
        for (String odd : List.of("GET / HTTP/1.0\n\n", "HTTP/1.0\r\n", " HTTP/1.0\r\n", "GET / HTTP/1.0",
                "GET / HTTP/1.00\r\n", "")) {
            assertThat(through(odd.isEmpty() ? List.of() : List.of(odd), MAX_LINE)).as(odd)
                    .isEqualTo(odd.equals(" HTTP/1.0\r\n") ? " HTTP/1.1\r\nConnection: close\r\n" : odd);
        }
        char[] longLine = new char[MAX_LINE * 2];
        Arrays.fill(longLine, 'a');
        String tooLong = new String(longLine) + " HTTP/1.0\r\n";
        assertThat(through(List.of(tooLong.substring(0, 100), tooLong.substring(100)), MAX_LINE)).isEqualTo(tooLong);
    }
}
