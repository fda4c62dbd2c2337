package dev.lanyard.s3gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend client over real loopback sockets: keep-alive reuse, a stale pooled connection, the request head. */
class BackendClientTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread acceptor;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        server.close();
        acceptor.join(5_000);
    }

    @Test
    void keepAliveConnectionsAreReused() throws IOException {
        try (BackendClient client = client(false)) {
            for (int i = 0; i < 3; i++) {
                BackendResponse response = client.send("GET", "/bucket/key%20" + i, "versionId=v" + i, Map.of(),
                        BackendBody.empty());
                assertThat(response.statusCode()).isEqualTo(200);
                try (InputStream body = response.body()) {
                    assertThat(body.readAllBytes()).isEqualTo("ok".getBytes(ISO_8859_1));
                }
            }
        }
        assertThat(accepted).hasValue(1);
        assertThat(requests).hasSize(3);
        String first = requests.getFirst();
        assertThat(first).startsWith("GET /bucket/key%200?versionId=v0 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                + "\r\n");
        assertThat(first).contains("x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n")
                .contains("Authorization: AWS4-HMAC-SHA256 Credential=").doesNotContain("Content-Length");
    }

    @Test
    void aPooledConnectionTheBackendClosedIsRetriedWhenTheBodyCanBeSentAgain() throws IOException {
        try (BackendClient client = client(true)) {
            for (int i = 0; i < 2; i++) {
                BackendResponse response = client.send("PUT", "/bucket/key", "", Map.of("content-type", "text/plain"),
                        BackendBody.of("data".getBytes(ISO_8859_1)));
                assertThat(response.statusCode()).isEqualTo(200);
                response.body().readAllBytes();
                response.discard();
            }
        }
        assertThat(accepted).hasValue(2);
        assertThat(requests).allSatisfy(r -> assertThat(r).contains("Content-Length: 4\r\n").endsWith("data"));
    }

    @Test
    void aStreamedBodyIsNeverSentTwice() throws IOException {
        try (BackendClient client = client(true)) {
            client.send("GET", "/bucket/key", "", Map.of(), BackendBody.empty()).body().readAllBytes();
            byte[] data = new byte[1024];
            ThreadLocalRandom.current().nextBytes(data);
            assertThatThrownBy(() -> client.send("PUT", "/bucket/key", "", Map.of(),
                    new BackendBody.Streamed(new ByteArrayInputStream(data), data.length))).isInstanceOf(IOException.class);
        }
        assertThat(requests).hasSize(1);
    }

    @Test
    void headerValuesWithLineBreaksAreNeverWritten() throws IOException {
        try (BackendClient client = client(false)) {
            assertThatThrownBy(() -> client.send("GET", "/bucket/key", "", Map.of("x-amz-meta-a", "1\r\nX-Injected: 1"),
                    BackendBody.empty())).isInstanceOf(IOException.class);
        }
        assertThat(requests).isEmpty();
    }

    private BackendClient client(boolean closeAfterEachAnswer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket, closeAfterEachAnswer));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        byte[] secret = new byte[30];
        ThreadLocalRandom.current().nextBytes(secret);
        BackendCredentials credentials = new BackendCredentials("BACKENDTEST",
                SecretAccessKey.of(HexFormat.of().formatHex(secret)));
        return new BackendClient(URI.create("http://127.0.0.1:" + server.getLocalPort()), credentials, "us-east-1",
                clock);
    }

    /** Answers each request with "ok"; with closeAfterEachAnswer, then closes as a backend's idle timeout would. */
    private void serve(Socket socket, boolean closeAfterEachAnswer) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                StringBuilder head = new StringBuilder();
                int contentLength = 0;
                List<String> lines = new ArrayList<>();
                String line;
                while (!(line = line(in)).isEmpty()) {
                    lines.add(line);
                    head.append(line).append("\r\n");
                    if (line.toLowerCase().startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).strip());
                    }
                }
                if (lines.isEmpty()) {
                    return;
                }
                byte[] body = in.readNBytes(contentLength);
                requests.add(head.append("\r\n").append(new String(body, ISO_8859_1)).toString());
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(ISO_8859_1));
                out.flush();
                if (closeAfterEachAnswer) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
