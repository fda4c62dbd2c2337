package dev.lanyard.server;

import dev.lanyard.store.jdbc.JdbcIamStore;
import java.time.Clock;
import java.time.Duration;

/** What the metrics read from the store and the token keys at each scrape. */
final class StoreGauges {
    private StoreGauges() {
    }

    static void register(MicrometerObservations metrics, JdbcIamStore store, TokenKeysetManager keysets,
            Clock clock) {
        metrics.gauge("store.reachable", "1 while writes go through, 0 while the store has a problem (see /health)",
                store, s -> s.reachable() ? 1 : 0);
        metrics.gauge("store.model.version", "The version of the IAM read model this node serves", store,
                s -> s.snapshot().version());
        metrics.gauge("store.model.version.lag", "How many versions the read model is behind the shared database",
                store, JdbcIamStore::versionLag);
        metrics.gauge("token.key.age.seconds", "Age of the primary token key, which seals new session tokens",
                keysets, k -> Duration.between(k.get().primary().createdAt(), clock.instant()).toMillis() / 1000.0);
    }
}
