package dev.lanyard.policy.internal;

import dev.lanyard.policy.ContextKeys;
import java.util.List;

/** IpAddress values: IPv4/IPv6 networks; a request address of the other family never matches. */
final class IpValues implements ValueSet {
    private final IpPrefix[] networks;

    private IpValues(IpPrefix[] networks) {
        this.networks = networks;
    }

    static ValueSet compile(List<String> values) {
        IpPrefix[] networks = new IpPrefix[values.size()];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = IpPrefix.parse(values.get(i)).orElse(null);
        }
        return new IpValues(networks);
    }

    @Override
    public boolean anyMatch(String requestValue, ContextKeys keys) {
        byte[] address = IpAddressText.parse(requestValue);
        if (address == null) {
            return false;
        }
        for (IpPrefix network : networks) {
            if (network != null && network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
