package dev.lanyard.policy.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network for IpAddress/NotIpAddress: CIDR notation, or a bare address meaning /32 (/128). Parsed by
 * hand because {@link java.net.InetAddress#getByName} may resolve host names, which a pure library must not do.
 */
record IpPrefix(byte[] network, int prefixLength) {
    static Optional<IpPrefix> parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = IpAddressText.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int maxBits = address.length * 8;
        int prefix = maxBits;
        if (slash >= 0) {
            prefix = parsePrefix(text.substring(slash + 1), maxBits);
            if (prefix < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpPrefix(address, prefix));
    }

    /** Whether {@code address} (raw bytes of the same family) lies in this network. */
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static int parsePrefix(String text, int maxBits) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= maxBits ? value : -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpPrefix that && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(network) + "/" + prefixLength;
    }
}
