package dev.lanyard.bench;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * The bare HTTP ceiling for the load benchmark: the web server Lanyard runs on (Helidon SE 4 on virtual threads,
 * HTTP/1.1 keep-alive) answering GET and POST {@code /} with a fixed GetCallerIdentity-shaped XML body and doing
 * no other work. Whatever Lanyard serves below this rate in the same run is what its request pipeline costs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lanyard.bench.CeilingServer PORT} (0 picks a free port); binds
 * 127.0.0.1 only, prints the bound port, and stops on SIGTERM.
 */
public final class CeilingServer {
    /** A GetCallerIdentity answer of the size Lanyard sends (350 bytes), so both write the same bytes. */
    static final byte[] BODY = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><UserId>123456789012</UserId><Account>123456789012</Account>"
            + "<Arn>arn:aws:iam::123456789012:root</Arn></GetCallerIdentityResult><ResponseMetadata>"
            + "<RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata>"
            + "</GetCallerIdentityResponse>").getBytes(StandardCharsets.UTF_8);

    private CeilingServer() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("[0-9]{1,5}")) {
            System.err.println("usage: CeilingServer PORT");
            System.exit(2);
        }
        WebServer server = start(Integer.parseInt(args[0]));
        System.out.println("ceiling serving on http://127.0.0.1:" + server.port());
    }

    /** Starts the server on 127.0.0.1; the caller stops it (or SIGTERM does, through Helidon's shutdown hook). */
    static WebServer start(int port) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r.get("/", CeilingServer::answer).post("/", CeilingServer::answer))
                .build()
                .start();
    }

    private static void answer(ServerRequest request, ServerResponse response) {
        response.header("Content-Type", "text/xml");
        response.send(BODY);
    }
}
