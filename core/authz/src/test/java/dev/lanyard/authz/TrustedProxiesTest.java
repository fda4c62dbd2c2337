package dev.lanyard.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.TrustedProxies.ClientOrigin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.7",
            "2001:db8::/32"));

    private static Map<String, List<String>> headers(String forwardedFor, String proto) {
        return Map.of("x-forwarded-for", List.of(forwardedFor), "X-Forwarded-Proto", List.of(proto));
    }

    @Test
    void anUntrustedPeerCannotChangeTheSourceOrTheTransport() {
        ClientOrigin origin = PROXIES.origin("198.51.100.9", false, headers("10.1.1.1, 203.0.113.5", "https"));
        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.9", false));
        assertThat(TrustedProxies.NONE.origin("10.0.0.1", true, headers("203.0.113.5", "http")))
                .isEqualTo(new ClientOrigin("10.0.0.1", true));
    }

    @Test
    void aTrustedPeerNamesTheRightmostUntrustedHop() {
        // the client put a spoofed address first; the proxies appended what they saw
        ClientOrigin origin = PROXIES.origin("10.0.0.2", false,
                headers("1.2.3.4, 203.0.113.5, 10.9.9.9", "https"));
        assertThat(origin).isEqualTo(new ClientOrigin("203.0.113.5", true));
    }

    @Test
    void severalHeaderLinesAreOneListAndPortsAndBracketsAreDropped() {
        Map<String, List<String>> headers = Map.of("X-Forwarded-For", List.of("1.2.3.4", "[2001:db9::1]:443"));
        assertThat(PROXIES.origin("192.0.2.7", true, headers)).isEqualTo(new ClientOrigin("2001:db9::1", true));
        assertThat(PROXIES.origin("192.0.2.7", false, Map.of("X-Forwarded-For", List.of("203.0.113.5:5678"))))
                .isEqualTo(new ClientOrigin("203.0.113.5", false));
    }

    @Test
    void aMalformedHopEndsTheWalkAtTheProxyThatPassedItOn() {
        assertThat(PROXIES.origin("10.0.0.2", false, headers("203.0.113.5, bogus, 10.3.3.3", "http")))
                .isEqualTo(new ClientOrigin("10.3.3.3", false));
        assertThat(PROXIES.origin("10.0.0.2", false, headers("", "http")).sourceIp()).isEqualTo("10.0.0.2");
    }

    @Test
    void onlyProxiesThemselvesMeansTheLeftmost() {
        assertThat(PROXIES.origin("10.0.0.2", false, headers("10.5.5.5, 10.6.6.6", "https")).sourceIp())
                .isEqualTo("10.5.5.5");
    }

    @Test
    void secureTransportNeedsHttpsFromEveryHopThatSaidIt() {
        assertThat(PROXIES.origin("10.0.0.2", true, headers("203.0.113.5", "http")).secureTransport()).isFalse();
        assertThat(PROXIES.origin("10.0.0.2", false, headers("203.0.113.5", "https, http")).secureTransport())
                .isFalse();
        assertThat(PROXIES.origin("10.0.0.2", false, headers("203.0.113.5", "HTTPS")).secureTransport()).isTrue();
        assertThat(PROXIES.origin("10.0.0.2", true, Map.of()).secureTransport()).isTrue();
        assertThat(PROXIES.origin("10.0.0.2", false, Map.of()).secureTransport()).isFalse();
    }

    @Test
    void aBadNetworkIsNamed() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/8", "10.0.0.0/33")))
                .hasMessageContaining("'10.0.0.0/33' is not an IP address or a CIDR network");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example.com")))
                .hasMessageContaining("'proxy.example.com'");
    }
}
