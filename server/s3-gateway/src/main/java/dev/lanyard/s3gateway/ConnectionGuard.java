package dev.lanyard.s3gateway;

import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Keeps slow clients from pinning the gateway's connections. The server's connection watchdog implements it; the
 * listener only says where each request stands. Each connection is served on its own thread, so the calls below
 * concern the connection the calling thread serves.
 */
public interface ConnectionGuard extends AutoCloseable {
    /** The listener's only connection selector: HTTP/1.1 with {@code http1}'s settings, every connection watched. */
    ServerConnectionSelector connections(Http1Config http1);

    /** A request's headers are in; its body, if any, is read while the request is handled, and must keep progressing. */
    void headersReceived();

    /**
     * Sends HTTP/1.1's interim {@code 100 Continue} now, on the connection the calling thread serves. The engine sends
     * it only when a body is read; a request expecting it without any body (botocore before 1.43.77 sends
     * {@code Expect: 100-continue} on every PutObject, empty ones too) would otherwise get its final answer alone,
     * which those clients misread on the next request of the connection.
     */
    void sendContinue();

    /** The answer is out: the connection is idle until its next request. */
    void answered();

    @Override
    void close();
}
