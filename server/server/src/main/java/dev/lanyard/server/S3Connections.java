package dev.lanyard.server;

import dev.lanyard.s3gateway.ConnectionGuard;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * The S3 listener's slow-client limits: the serve timeouts for idle connections, request headers and answers, and for
 * bodies (objects of any size) a minimum rate instead of a deadline.
 */
final class S3Connections implements ConnectionGuard {
    /**
     * The slowest body the gateway waits for, in bytes per second over each request-timeout window (Apache httpd's
     * mod_reqtimeout asks 500): a client trickling a byte at a time falls far below it, any working link far above.
     */
    static final long MIN_BODY_BYTES_PER_SECOND = 1024;
    private final ConnectionWatchdog watchdog;
    private final InterimResponses interim = new InterimResponses();

    S3Connections(HttpLimits limits) {
        this.watchdog = ConnectionWatchdog.streaming(limits, MIN_BODY_BYTES_PER_SECOND);
    }

    @Override
    public ServerConnectionSelector connections(Http1Config http1) {
        return new HelidonConnections(watchdog, http1, interim);
    }

    @Override
    public void sendContinue() {
        interim.sendContinue();
    }

    @Override
    public void headersReceived() {
        watchdog.current().ifPresent(ConnectionWatchdog.Watch::streamingBody);
    }

    @Override
    public void answered() {
        watchdog.current().ifPresent(ConnectionWatchdog.Watch::answered);
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
