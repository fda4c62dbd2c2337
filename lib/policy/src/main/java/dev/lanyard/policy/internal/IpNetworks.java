package dev.lanyard.policy.internal;

import java.util.Optional;
import java.util.function.Predicate;

/** The parsing of IpAddress conditions, for {@link dev.lanyard.policy.IpNetwork}. */
public final class IpNetworks {
    private IpNetworks() {}

    /** A test of literal addresses against the network {@code cidr}, or empty when it is not one. */
    public static Optional<Predicate<String>> parse(String cidr) {
        return IpPrefix.parse(cidr).map(prefix -> address -> {
            byte[] bytes = IpAddressText.parse(address);
            return bytes != null && prefix.contains(bytes);
        });
    }

    /** Whether {@code text} is a literal IPv4 or IPv6 address (never a host name: nothing is resolved). */
    public static boolean isAddress(String text) {
        return IpAddressText.parse(text) != null;
    }
}
