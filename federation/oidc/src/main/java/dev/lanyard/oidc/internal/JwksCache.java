package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.oidc.JwksFetchException;
import dev.lanyard.oidc.OidcVerifierConfig;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Signing keys per issuer (and trust: the same issuer registered with other thumbprints is fetched separately).
 * Fresh keys are served without a lock; an unknown key id or stale keys trigger a refresh, at most one per
 * {@code minRefreshInterval} per issuer; while the IdP is unreachable the last keys are served until
 * {@code jwksMaxStale} after they were fetched.
 */
final class JwksCache {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.oidc");

    /** What the cache could offer, and how it got it if that was anything but a plain cache hit. */
    record Lookup(SigningKeys keys, Optional<String> event) {
        /** For the operator: how these keys were obtained. */
        String note() {
            return event.orElseGet(() -> "cached keys fetched at " + keys.fetchedAt());
        }
    }

    private record CacheKey(URI issuer, Set<String> thumbprints) {
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile SigningKeys keys;
        volatile Instant lastAttempt;
        volatile JwksFetchException lastFailure;
    }

    private final ConcurrentHashMap<CacheKey, Entry> entries = new ConcurrentHashMap<>();
    private final OidcVerifierConfig config;
    private final InstantSource clock;
    private final JwksLoader loader;

    JwksCache(OidcVerifierConfig config, InstantSource clock, JwksLoader loader) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    /** Keys for {@code issuer} that cover {@code kid} if at all possible within the refresh and staleness rules. */
    Lookup lookup(URI issuer, List<String> thumbprints, Optional<String> kid) throws JwksFetchException {
        Entry entry = entries.computeIfAbsent(new CacheKey(issuer, normalized(thumbprints)), k -> new Entry());
        SigningKeys current = entry.keys;
        if (current != null && isFresh(current, clock.instant()) && current.covers(kid)) {
            return new Lookup(current, Optional.empty());
        }
        entry.lock.lock();
        try {
            return refresh(entry, issuer, thumbprints, kid);
        } finally {
            entry.lock.unlock();
        }
    }

    /** Drops everything cached for {@code issuerUrl}, e.g. after its provider was updated or deleted. */
    void invalidate(String issuerUrl) {
        entries.keySet().removeIf(key -> key.issuer().toString().equals(issuerUrl));
    }

    private Lookup refresh(Entry entry, URI issuer, List<String> thumbprints, Optional<String> kid)
            throws JwksFetchException {
        Instant now = clock.instant();
        SigningKeys current = entry.keys;
        if (current != null && isFresh(current, now) && current.covers(kid)) {
            return new Lookup(current, Optional.of("keys refreshed concurrently at " + current.fetchedAt()));
        }
        Instant last = entry.lastAttempt;
        if (last != null && now.isBefore(last.plus(config.minRefreshInterval()))) {
            return withoutFetching(entry, current, now, "refresh rate-limited: last attempt " + last
                    + ", next allowed " + last.plus(config.minRefreshInterval()));
        }
        entry.lastAttempt = now;
        try {
            SigningKeys fetched = loader.load(issuer, thumbprints, now);
            entry.keys = fetched;
            entry.lastFailure = null;
            String skipped = fetched.skipped() > 0 ? ", skipped " + fetched.skipped() : "";
            return new Lookup(fetched, Optional.of("fetched " + fetched.keys().size() + " keys from "
                    + fetched.jwksUri() + " at " + now + skipped));
        } catch (JwksFetchException e) {
            entry.lastFailure = e;
            if (current != null && isServable(current, now)) {
                LOG.log(Level.WARNING, () -> "JWKS refresh for " + issuer + " failed (" + e.getMessage()
                        + "); serving keys fetched at " + current.fetchedAt());
                return new Lookup(current, Optional.of("refresh failed (" + e.getMessage()
                        + "); serving keys fetched at " + current.fetchedAt()));
            }
            throw e;
        }
    }

    private Lookup withoutFetching(Entry entry, SigningKeys current, Instant now, String why)
            throws JwksFetchException {
        if (current != null && isServable(current, now)) {
            return new Lookup(current, Optional.of(why + "; keys fetched at " + current.fetchedAt()));
        }
        JwksFetchException failure = entry.lastFailure;
        if (failure != null) {
            throw new JwksFetchException(failure.kind(), failure.getMessage() + " (" + why + ")");
        }
        throw new JwksFetchException(JwksFetchException.Kind.UNREACHABLE, "no usable keys cached; " + why);
    }

    private boolean isFresh(SigningKeys keys, Instant now) {
        return now.isBefore(keys.fetchedAt().plus(config.jwksFreshness()));
    }

    private boolean isServable(SigningKeys keys, Instant now) {
        return now.isBefore(keys.fetchedAt().plus(config.jwksMaxStale()));
    }

    private static Set<String> normalized(List<String> thumbprints) {
        if (thumbprints.isEmpty()) {
            return Set.of(); // the common case: no per-call allocation
        }
        Set<String> out = new TreeSet<>();
        for (String thumbprint : thumbprints) {
            out.add(thumbprint.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
