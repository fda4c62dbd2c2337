package dev.lanyard.iamapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.UsageStore;
import dev.lanyard.iam.spi.UsageStore.Kind;
import dev.lanyard.iam.spi.UsageStore.LastUsed;
import dev.lanyard.iam.spi.UsageStore.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each long-term access key and each role was last used, read from the audit trail as it is written: a key when
 * a request it signed was authenticated (whatever the authorization decided), a role when a session of it made a call
 * or when it was assumed. Kept in memory for IAM's answers, and saved by {@link #flush()} every few seconds (never
 * per request) to the store, which keeps the facts across restarts and brings in the other nodes'.
 *
 * <p>A flush reads back only the facts saved since its previous read, less {@link #CLOCK_MARGIN} for the nodes' clock
 * differences (the saving node stamps them; reading one twice is harmless, the later fact wins), and the whole table
 * every {@link #FULL_RELOAD}, which bounds how long a fact from a node whose clock is further off can stay unseen.
 */
public final class UsageTracker implements AuditSink {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.iamapi");
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    static final Duration FULL_RELOAD = Duration.ofMinutes(10);

    private final UsageStore store;
    private final InstantSource clock;
    private final Map<Subject, LastUsed> known = new ConcurrentHashMap<>();
    private final Map<Subject, LastUsed> unsaved = new ConcurrentHashMap<>();
    // read and written by flush() only, which the server runs from one thread at a time
    private Instant lastRead;
    private Instant lastFullRead;

    public UsageTracker(UsageStore store, InstantSource clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lastFullRead = clock.instant();
        this.lastRead = lastFullRead;
        known.putAll(store.loadLastUsed());
    }

    @Override
    public void record(AuditEvent event) {
        AuditEvent.UserIdentity identity = event.userIdentity();
        LastUsed used = new LastUsed(event.eventTime(), Optional.of(service(event)), event.awsRegion());
        identity.accessKeyId().filter(key -> key.startsWith("AKIA"))
                .ifPresent(key -> note(new Subject(Kind.ACCESS_KEY, key), used));
        identity.sessionContext().flatMap(AuditEvent.SessionContext::sessionIssuer)
                .filter(issuer -> issuer.type() == AuditEvent.IdentityType.ROLE)
                .ifPresent(issuer -> note(new Subject(Kind.ROLE, issuer.arn()), used));
        if (event.errorCode().isEmpty() && event.eventName().startsWith("AssumeRole")) {
            event.resources().stream().filter(r -> r.type().equals("AWS::IAM::Role"))
                    .forEach(role -> note(new Subject(Kind.ROLE, role.arn()), used));
        }
        entity(identity).ifPresent(arn -> {
            String namespace = service(event);
            note(Subject.service(namespace, arn), used);
            note(Subject.action(namespace + ":" + event.eventName(), arn), used);
        });
    }

    /**
     * The IAM entity an authenticated call is counted for in service last-accessed data: the user, the role a session
     * was issued from, the user who made a federation token, or an account's root user; nobody for an unsigned call.
     */
    private static Optional<String> entity(AuditEvent.UserIdentity identity) {
        return switch (identity.type()) {
            case IAM_USER, ROOT -> identity.arn();
            case ASSUMED_ROLE, FEDERATED_USER -> identity.sessionContext()
                    .flatMap(AuditEvent.SessionContext::sessionIssuer).map(AuditEvent.SessionIssuer::arn);
            case AWS_ACCOUNT, WEB_IDENTITY_USER, SAML_USER, ROLE, UNKNOWN -> Optional.empty();
        };
    }

    /** A user signed in with his password (Lanyard checks one only where ChangePassword verifies the old one). */
    public void passwordUsed(String userId, Instant when, String region) {
        note(new Subject(Kind.PASSWORD, userId), new LastUsed(when, Optional.empty(), region));
    }

    /** Every service or action ({@code kind} SERVICE or ACTION) attempted, with who attempted it and when. */
    public List<Access> accesses(Kind kind) {
        return known.entrySet().stream().filter(e -> e.getKey().kind() == kind)
                .map(e -> new Access(e.getKey().accessed(), e.getKey().entityArn(), e.getValue())).toList();
    }

    /** A service (or action) {@code accessed} last attempted by the entity {@code entityArn}. */
    public record Access(String accessed, String entityArn, LastUsed used) {
    }

    private static String service(AuditEvent event) {
        String source = event.eventSource();
        int dot = source.indexOf('.');
        return dot < 0 ? source : source.substring(0, dot);
    }

    private void note(Subject subject, LastUsed used) {
        known.merge(subject, used, LastUsed::later);
        unsaved.merge(subject, used, LastUsed::later);
    }

    public Optional<LastUsed> lastUsed(Subject subject) {
        return Optional.ofNullable(known.get(subject));
    }

    /** Saves what changed since the last call and takes in what the other nodes saved; a failure waits for the next. */
    public synchronized void flush() {
        Map<Subject, LastUsed> batch = new HashMap<>();
        for (Subject subject : unsaved.keySet()) {
            LastUsed used = unsaved.remove(subject);
            if (used != null) {
                batch.put(subject, used);
            }
        }
        try {
            store.saveLastUsed(batch);
            Instant now = clock.instant();
            boolean full = !now.isBefore(lastFullRead.plus(FULL_RELOAD));
            Map<Subject, LastUsed> saved = full ? store.loadLastUsed()
                    : store.loadSavedSince(lastRead.minus(CLOCK_MARGIN));
            saved.forEach((subject, used) -> known.merge(subject, used, LastUsed::later));
            lastRead = now;
            if (full) {
                lastFullRead = now;
            }
        } catch (RuntimeException e) {
            batch.forEach((subject, used) -> unsaved.merge(subject, used, LastUsed::later));
            LOG.log(System.Logger.Level.WARNING, "saving when keys and roles were last used failed; trying again: "
                    + e.getMessage());
        }
    }
}
