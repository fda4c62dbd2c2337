package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import dev.lanyard.policy.internal.IpNetworks;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An IPv4 or IPv6 network in CIDR notation (a bare address is a /32 or /128), parsed as the IpAddress condition
 * operator parses its values; addresses are literals, never resolved.
 */
public final class IpNetwork {
    private final String cidr;
    private final Predicate<String> test;

    private IpNetwork(String cidr, Predicate<String> test) {
        this.cidr = cidr;
        this.test = test;
    }

    /** The network, or empty when {@code cidr} is not one. */
    public static Optional<IpNetwork> parse(String cidr) {
        requireNonNull(cidr, "cidr is null");
        return IpNetworks.parse(cidr.strip()).map(test -> new IpNetwork(cidr.strip(), test));
    }

    /** Whether {@code text} is a literal IPv4 or IPv6 address. */
    public static boolean isAddress(String text) {
        return IpNetworks.isAddress(text);
    }

    /** Whether the literal address lies in this network (false for anything that is not an address). */
    public boolean contains(String address) {
        return test.test(address);
    }

    @Override
    public String toString() {
        return cidr;
    }
}
