package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Whether {@code /metrics} is served, and where: on the Query listener by default (unauthenticated, like
 * {@code /health}), or alone on its own port of the same address, so that a firewall can keep it from clients.
 */
public record MetricsSettings(boolean enabled, Optional<Integer> port) {
    public static final MetricsSettings DEFAULTS = new MetricsSettings(true, Optional.empty());
    public static final MetricsSettings OFF = new MetricsSettings(false, Optional.empty());

    public MetricsSettings {
        requireNonNull(port, "port is null");
        port.ifPresent(p -> {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("the metrics port must be 0..65535: " + p);
            }
        });
        if (!enabled && port.isPresent()) {
            throw new IllegalArgumentException("a metrics port was given with metrics turned off");
        }
    }

    /** Served on the Query listener. */
    boolean onQueryListener() {
        return enabled && port.isEmpty();
    }

    @Override
    public String toString() {
        return !enabled ? "off" : port.map(p -> "on port " + p).orElse("on the Query listener");
    }
}
