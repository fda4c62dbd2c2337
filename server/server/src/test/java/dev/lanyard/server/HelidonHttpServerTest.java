package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.pipeline.HttpEndpoint;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelidonHttpServerTest {
    /** Helidon logs a failed bind and carries on with port -1; start() must not. */
    @Test
    void aPortInUseFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpEndpoint none = new HttpEndpoint() {
                @Override
                public HttpReply handle(HttpExchange exchange) {
                    throw new AssertionError("no request expected");
                }

                @Override
                public HttpReply unreadable(HttpExchange exchange, String why) {
                    throw new AssertionError("no request expected");
                }
            };
            HelidonHttpServer http = new HelidonHttpServer("127.0.0.1", taken.getLocalPort(), 1024,
                    HttpLimits.DEFAULTS, none, () -> "{}", path -> Optional.empty());
            assertThatThrownBy(http::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the address is in use or not available (see the log above)");
        }
    }
}
