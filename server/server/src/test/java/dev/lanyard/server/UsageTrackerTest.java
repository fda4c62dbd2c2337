package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.UsageStore;
import dev.lanyard.iamapi.UsageTracker;
import dev.lanyard.store.jdbc.EmbeddedDatabase;
import dev.lanyard.store.jdbc.JdbcIamStore;
import dev.lanyard.store.jdbc.JdbcUsageStore;
import dev.lanyard.tokens.MasterKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes sharing one store see each other's last-used facts at their next flush, reading only what was saved since
 * their previous read (less a margin for clock differences), and the whole table every ten minutes, which is when a
 * node whose clock is further behind is caught up with.
 */
class UsageTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T15:00:00Z");
    private static final UsageStore.Subject KEY_A = key("AKIAEXAMPLEKEY00000A");
    private static final UsageStore.Subject KEY_C = key("AKIAEXAMPLEKEY00000C");

    @Test
    void nodesReadWhatOthersSavedSinceTheirLastReadAndEverythingEveryTenMinutes(@TempDir Path dir) {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        InstantSource clock = now::get;
        // node C's clock is two minutes behind: what it saves looks older than the readers' margin
        InstantSource behind = () -> now.get().minus(Duration.ofMinutes(2));
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKey.generate(new SecureRandom()), clock)) {
            UsageTracker nodeA = new UsageTracker(JdbcUsageStore.of(store, clock), clock);
            UsageTracker nodeB = new UsageTracker(JdbcUsageStore.of(store, clock), clock);
            UsageTracker nodeC = new UsageTracker(JdbcUsageStore.of(store, behind), behind);

            now.set(T0.plusSeconds(2));
            nodeA.record(signedBy(KEY_A.id(), now.get()));
            nodeA.flush();
            nodeC.record(signedBy(KEY_C.id(), now.get()));
            nodeC.flush();
            now.set(T0.plusSeconds(4));
            nodeB.flush();
            assertThat(nodeB.lastUsed(KEY_A)).as("saved since B's last read").map(UsageStore.LastUsed::date)
                    .contains(T0.plusSeconds(2));
            assertThat(nodeB.lastUsed(KEY_C)).as("stamped before B's last read less the margin: not read").isEmpty();

            now.set(T0.plus(Duration.ofMinutes(10)));
            nodeB.flush();
            assertThat(nodeB.lastUsed(KEY_C)).as("the whole table, read every ten minutes")
                    .map(UsageStore.LastUsed::date).contains(T0.plusSeconds(2));
        }
    }

    private static UsageStore.Subject key(String id) {
        return new UsageStore.Subject(UsageStore.Kind.ACCESS_KEY, id);
    }

    private static AuditEvent signedBy(String accessKeyId, Instant time) {
        AuditEvent.UserIdentity identity = new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER,
                Optional.of("AIDAALICE"), Optional.of("arn:aws:iam::111122223333:user/alice"),
                Optional.of("111122223333"), Optional.of(accessKeyId), Optional.of("alice"), Optional.empty(),
                Optional.empty());
        return new AuditEvent("event-" + accessKeyId, time, "iam.amazonaws.com", "GetUser", "us-east-1",
                "127.0.0.1", Optional.empty(), identity, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "request-" + accessKeyId, true, List.of(), Optional.of("111122223333"),
                Optional.empty(), Optional.empty(), AuditEvent.Category.MANAGEMENT, Optional.empty());
    }
}
