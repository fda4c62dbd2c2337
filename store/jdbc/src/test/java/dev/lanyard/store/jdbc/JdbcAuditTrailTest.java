package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.CloudTrailJson;
import dev.lanyard.iam.spi.UsageStore;
import dev.lanyard.store.testing.PostgresServer;
import dev.lanyard.tokens.MasterKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit and last-used tables, made by the same migrations on the embedded database and on PostgreSQL. */
class JdbcAuditTrailTest {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private static final Instant T0 = Instant.parse("2026-12-07T15:07:39Z");

    @Test
    void embedded(@TempDir Path dir) throws SQLException {
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Duration.ofMinutes(1), Clock.systemUTC())) {
            recordsGoInWhole(store);
            lastUsedKeepsTheLatest(store);
            lastUsedIsReadBySaveTime(store);
            oldRecordsGoInBatches(store);
        }
    }

    @Test
    void postgres() throws SQLException {
        try (PostgresServer postgres = PostgresServer.start();
                JdbcIamStore store = PostgresDatabase.open(postgres.createDatabase("audit"), postgres.user(), "",
                        MASTER, Clock.systemUTC())) {
            recordsGoInWhole(store);
            lastUsedKeepsTheLatest(store);
            lastUsedIsReadBySaveTime(store);
            oldRecordsGoInBatches(store);
            oneNodeDeletesAtATime(store);
        }
    }

    /** Runs after recordsGoInWhole, whose two records (at T0) are not older than the cutoff. */
    private static void oldRecordsGoInBatches(JdbcIamStore store) throws SQLException {
        JdbcAuditTrail trail = JdbcAuditTrail.of(store, "node-a");
        for (int i = 0; i < 7; i++) {
            trail.record(event("old" + i, T0.minusSeconds(3600 + i)));
        }
        trail.record(event("new", T0.plusSeconds(3600)));
        trail.flush();
        assertThat(trail.deleteBefore(T0, 3)).isEqualTo(7);
        assertThat(eventIds(store)).containsExactly("e1", "e2", "new");
        assertThat(trail.deleteBefore(T0, 3)).isZero();
    }

    /** While another node holds the retention lock, this one deletes nothing; once it is free, it does. */
    private static void oneNodeDeletesAtATime(JdbcIamStore store) throws SQLException {
        JdbcAuditTrail trail = JdbcAuditTrail.of(store, "node-b");
        trail.record(event("stale", T0.minusSeconds(7200)));
        trail.flush();
        try (Connection other = store.dataSource().getConnection(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(" + JdbcAuditTrail.RETENTION_LOCK + ")");
            assertThat(trail.deleteBefore(T0, 3)).isZero();
            assertThat(eventIds(store)).contains("stale");
            other.rollback();
        }
        assertThat(trail.deleteBefore(T0, 3)).isEqualTo(1);
        assertThat(eventIds(store)).containsExactly("e1", "e2", "new");
    }

    private static List<String> eventIds(JdbcIamStore store) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT event_id FROM audit_event ORDER BY event_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void recordsGoInWhole(JdbcIamStore store) throws SQLException {
        JdbcAuditTrail trail = JdbcAuditTrail.of(store, "node-a");
        AuditEvent allowed = event("e1", Optional.of("AKIAEXAMPLEKEY000001"), Optional.empty());
        AuditEvent denied = event("e2", Optional.empty(), Optional.of("AccessDenied"));
        trail.record(allowed);
        trail.record(denied);
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(rows(s)).isEmpty(); // nothing written before the flush: requests never wait on it
            trail.flush();
            assertThat(rows(s)).containsExactly(
                    "e1|" + T0.toEpochMilli() + "|sts.amazonaws.com|AssumeRole|AKIAEXAMPLEKEY000001|"
                            + "arn:aws:iam::111122223333:user/alice|111122223333|request-e1|null|node-a|"
                            + CloudTrailJson.line(allowed),
                    "e2|" + T0.toEpochMilli() + "|sts.amazonaws.com|AssumeRole|null|"
                            + "arn:aws:iam::111122223333:user/alice|111122223333|request-e2|AccessDenied|node-a|"
                            + CloudTrailJson.line(denied));
            trail.flush();
            assertThat(rows(s)).hasSize(2);
        }
    }

    private static void lastUsedKeepsTheLatest(JdbcIamStore store) {
        UsageStore usage = JdbcUsageStore.of(store, () -> T0); // saved before lastUsedIsReadBySaveTime reads
        UsageStore.Subject key = new UsageStore.Subject(UsageStore.Kind.ACCESS_KEY, "AKIAEXAMPLEKEY000001");
        UsageStore.Subject role = new UsageStore.Subject(UsageStore.Kind.ROLE, "arn:aws:iam::111122223333:role/r");
        UsageStore.LastUsed first = new UsageStore.LastUsed(T0, Optional.of("sts"), "us-east-1");
        UsageStore.LastUsed later = new UsageStore.LastUsed(T0.plusSeconds(5), Optional.of("iam"), "eu-west-1");
        usage.saveLastUsed(Map.of(key, later, role, first));
        usage.saveLastUsed(Map.of(key, first)); // another node's older fact does not win
        assertThat(usage.loadLastUsed()).isEqualTo(Map.of(key, later, role, first));
        UsageStore.LastUsed roleLater = new UsageStore.LastUsed(T0.plusSeconds(9), Optional.of("sts"), "us-east-1");
        usage.saveLastUsed(Map.of(role, roleLater));
        assertThat(usage.loadLastUsed()).isEqualTo(Map.of(key, later, role, roleLater));
        everyKindIsKept(usage);
    }

    /** Each kind of fact, with the longest subjects IAM makes (an action and an entity ARN with a long path). */
    private static void everyKindIsKept(UsageStore usage) {
        String entity = "arn:aws:iam::111122223333:user/" + "team/".repeat(100) + "alice";
        Map<UsageStore.Subject, UsageStore.LastUsed> facts = new java.util.HashMap<>(usage.loadLastUsed());
        for (UsageStore.Kind kind : UsageStore.Kind.values()) {
            UsageStore.Subject subject = switch (kind) {
                case ACCESS_KEY -> new UsageStore.Subject(kind, "AKIAEXAMPLEKEY000002");
                case ROLE -> new UsageStore.Subject(kind, "arn:aws:iam::111122223333:role/other");
                case PASSWORD -> new UsageStore.Subject(kind, "AIDAEXAMPLEUSER00001");
                case SERVICE -> UsageStore.Subject.service("s3", entity);
                case ACTION -> UsageStore.Subject.action("organizations:ListDelegatedServicesForAccount", entity);
            };
            facts.put(subject, new UsageStore.LastUsed(T0.plusSeconds(kind.ordinal()),
                    kind == UsageStore.Kind.PASSWORD ? Optional.empty() : Optional.of("s3"), "eu-west-1"));
        }
        usage.saveLastUsed(facts);
        assertThat(usage.loadLastUsed()).isEqualTo(facts);
        assertThat(UsageStore.Subject.service("s3", entity).entityArn()).isEqualTo(entity);
        assertThat(UsageStore.Subject.action("s3:GetObject", entity).accessed()).isEqualTo("s3:GetObject");
    }

    /** Each node stamps what it saves with its clock; a reader asks for what was saved since a time. */
    private static void lastUsedIsReadBySaveTime(JdbcIamStore store) {
        Instant s1 = T0.plusSeconds(100);
        Instant s2 = s1.plusSeconds(2);
        UsageStore nodeA = JdbcUsageStore.of(store, () -> s1);
        UsageStore nodeB = JdbcUsageStore.of(store, () -> s2);
        UsageStore.Subject key = new UsageStore.Subject(UsageStore.Kind.ACCESS_KEY, "AKIAEXAMPLEKEY000002");
        UsageStore.Subject role = new UsageStore.Subject(UsageStore.Kind.ROLE, "arn:aws:iam::111122223333:role/s");
        UsageStore.LastUsed used = new UsageStore.LastUsed(T0.plusSeconds(20), Optional.of("sts"), "us-east-1");
        nodeA.saveLastUsed(Map.of(key, used));
        nodeB.saveLastUsed(Map.of(role, used));
        assertThat(nodeA.loadSavedSince(s2)).isEqualTo(Map.of(role, used));
        assertThat(nodeA.loadSavedSince(s1)).isEqualTo(Map.of(key, used, role, used));
        nodeB.saveLastUsed(Map.of(key, new UsageStore.LastUsed(T0, Optional.of("iam"), "us-east-1")));
        assertThat(nodeA.loadSavedSince(s2)).as("an older fact changes nothing, so nothing new is read")
                .isEqualTo(Map.of(role, used));
        assertThat(nodeA.loadSavedSince(s2.plusMillis(1))).isEmpty();
    }

    private static List<String> rows(Statement s) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM audit_event ORDER BY event_id")) {
            while (rs.next()) {
                List<String> columns = new ArrayList<>();
                for (String column : List.of("event_id", "event_time", "event_source", "event_name", "access_key_id",
                        "principal_arn", "recipient_account", "request_id", "error_code", "node_id", "record")) {
                    columns.add(String.valueOf(rs.getString(column)));
                }
                rows.add(String.join("|", columns));
            }
        }
        return rows;
    }

    private static AuditEvent event(String id, Instant time) {
        AuditEvent at = event(id, Optional.empty(), Optional.empty());
        return new AuditEvent(at.eventId(), time, at.eventSource(), at.eventName(), at.awsRegion(),
                at.sourceIpAddress(), at.userAgent(), at.userIdentity(), at.requestParameters(),
                at.responseElements(), at.errorCode(), at.errorMessage(), at.requestId(), at.readOnly(),
                at.resources(), at.recipientAccountId(), at.sharedEventId(), at.tlsDetails(), at.eventCategory(),
                at.lanyardDetail());
    }

    private static AuditEvent event(String id, Optional<String> key, Optional<String> errorCode) {
        AuditEvent.UserIdentity identity = new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER,
                Optional.of("AIDAALICE"), Optional.of("arn:aws:iam::111122223333:user/alice"),
                Optional.of("111122223333"), key, Optional.of("alice"), Optional.empty(), Optional.empty());
        return new AuditEvent(id, T0, "sts.amazonaws.com", "AssumeRole", "us-east-1", "127.0.0.1",
                Optional.of("aws-cli/2"), identity, Optional.of(new AuditEvent.Elements("{\"roleSessionName\":\"s\"}")),
                Optional.empty(), errorCode, errorCode.map(c -> "refused"), "request-" + id, false, List.of(),
                Optional.of("111122223333"), Optional.empty(), Optional.empty(), AuditEvent.Category.MANAGEMENT,
                Optional.empty());
    }
}
