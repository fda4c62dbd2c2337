import io.helidon.webserver.WebServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The floor of any relay on this machine, for the S3 gateway's small-object goal: Helidon's listener (as the gateway
 * runs it, a virtual thread per connection) answers every request with one fixed GET to the backend over kept
 * connections (blocking sockets, as the gateway's), and the answer's body in one send. No signature, no
 * authorization, no audit, no metrics: what is left is what relaying itself costs. Measure it as the gateway is
 * measured (utime + stime from /proc per request, wrk at 16 connections).
 *
 * <p>Run: {@code java -cp cli/target/lanyard.jar testing/bench/load/RelayFloor.java PORT URL}, where URL is a presigned
 * GET of a small object on the backend (s3gateway.sh with S3BENCH_PAUSE prints one as "direct GET").
 */
public final class RelayFloor {
    private final String host;
    private final int port;
    private final byte[] request;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    private RelayFloor(URI target) {
        this.host = target.getHost();
        this.port = target.getPort();
        this.request = ("GET " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\nHost: " + host + ":"
                + port + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) {
        RelayFloor relay = new RelayFloor(URI.create(args[1]));
        WebServer server = WebServer.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
                .routing(r -> r.any((req, res) -> res.send(relay.fetch()))).build().start();
        System.out.println("relay listening on " + server.port());
    }

    private byte[] fetch() throws IOException {
        Connection connection = idle.pollFirst();
        if (connection == null) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port));
            connection = new Connection(socket);
        }
        connection.out.write(request);
        connection.out.flush();
        long length = -1;
        String line;
        while (!(line = connection.line()).isEmpty()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        if (length < 0) {
            throw new IOException("the backend's answer has no Content-Length");
        }
        byte[] body = connection.in.readNBytes((int) length);
        idle.offerFirst(connection);
        return body;
    }

    private static final class Connection {
        final InputStream in;
        final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        Connection(Socket socket) throws IOException {
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        /** One line of the answer's head, without its CRLF. */
        String line() throws IOException {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the backend closed the connection");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
