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

    /** The answer is out: the connection is idle until its next request. */
    void answered();

    @Override
    void close();
}
