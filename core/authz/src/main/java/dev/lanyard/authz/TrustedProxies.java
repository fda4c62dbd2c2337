package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.policy.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The networks of the reverse proxies and load balancers in front of Lanyard. Only when the socket peer lies in one
 * of them do {@code X-Forwarded-For} and {@code X-Forwarded-Proto} say who the client is and whether it used TLS;
 * from any other peer they are unsigned claims anybody can send, and ignored.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<IpNetwork> networks;

    private TrustedProxies(List<IpNetwork> networks) {
        this.networks = List.copyOf(networks);
    }

    /** The networks in CIDR notation (a bare address is one host); {@link IllegalArgumentException} names a bad one. */
    public static TrustedProxies of(List<String> cidrs) {
        List<IpNetwork> networks = new ArrayList<>();
        for (String cidr : cidrs) {
            networks.add(IpNetwork.parse(cidr).orElseThrow(() -> new IllegalArgumentException("'" + cidr
                    + "' is not an IP address or a CIDR network (10.0.0.0/8, 192.0.2.7, 2001:db8::/32)")));
        }
        return new TrustedProxies(networks);
    }

    public List<String> networks() {
        return networks.stream().map(IpNetwork::toString).toList();
    }

    /** Where the request comes from and whether the client's own connection was TLS. */
    public record ClientOrigin(String sourceIp, boolean secureTransport) {
        public ClientOrigin {
            requireNonNull(sourceIp, "sourceIp is null");
        }
    }

    /**
     * The client's origin. From an untrusted peer: the peer and the listener's own TLS. From a trusted one: the
     * rightmost address of X-Forwarded-For that is not itself a trusted proxy (every hop to its right vouched for the
     * next; a malformed entry ends the walk at the proxy that passed it on), and TLS when X-Forwarded-Proto says
     * https for every hop that set it (without the header, the listener's own TLS).
     */
    public ClientOrigin origin(String peer, boolean listenerSecure, Map<String, List<String>> headers) {
        requireNonNull(peer, "peer is null");
        if (!trusted(peer)) {
            return new ClientOrigin(peer, listenerSecure);
        }
        String source = peer;
        List<String> hops = values(headers, FORWARDED_FOR);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = address(hops.get(i));
            if (!IpNetwork.isAddress(hop)) {
                break;
            }
            source = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        List<String> protocols = values(headers, FORWARDED_PROTO);
        boolean secure = protocols.isEmpty() ? listenerSecure
                : protocols.stream().allMatch(p -> p.toLowerCase(Locale.ROOT).equals("https"));
        return new ClientOrigin(source, secure);
    }

    private boolean trusted(String address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /** Every comma-separated entry of every instance of the header, in order. */
    private static List<String> values(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((key, list) -> {
            if (key.equalsIgnoreCase(name)) {
                list.forEach(value -> {
                    for (String entry : value.split(",", -1)) {
                        values.add(entry.strip());
                    }
                });
            }
        });
        return values;
    }

    /** An entry without the port some proxies add: {@code 192.0.2.1:5678}, {@code [2001:db8::1]:443}. */
    private static String address(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        return colon > 0 && entry.indexOf(':', colon + 1) < 0 ? entry.substring(0, colon) : entry;
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
