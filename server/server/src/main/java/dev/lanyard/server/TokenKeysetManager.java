package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.KeysetStore;
import dev.lanyard.tokens.SealedDataException;
import dev.lanyard.tokens.Sealer;
import dev.lanyard.tokens.TokenKeyset;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the shared token keyset: creates it on first start, rotates it when due, and prunes retired keys once every
 * token they sealed has expired. Rotation is a compare-and-set in the store, so concurrent nodes agree on one result.
 */
final class TokenKeysetManager implements Supplier<TokenKeyset> {
    private final KeysetStore store;
    private final Sealer masterKey;
    private final InstantSource clock;
    private final SecureRandom random;
    private final Duration rotationPeriod;
    private final Duration maxTokenLifetime;
    private final Duration propagationDelay;
    private static final Duration UNKNOWN_KEY_RELOAD_INTERVAL = Duration.ofSeconds(1);
    private volatile TokenKeyset current;
    private volatile Instant lastUnknownKeyReload = Instant.EPOCH;
    private volatile byte[] currentBytes;

    TokenKeysetManager(KeysetStore store, Sealer masterKey, InstantSource clock, SecureRandom random,
            Duration rotationPeriod, Duration maxTokenLifetime, Duration propagationDelay) {
        this.propagationDelay = requireNonNull(propagationDelay, "propagationDelay is null");
        this.store = requireNonNull(store, "store is null");
        this.masterKey = requireNonNull(masterKey, "masterKey is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.rotationPeriod = requireNonNull(rotationPeriod, "rotationPeriod is null");
        this.maxTokenLifetime = requireNonNull(maxTokenLifetime, "maxTokenLifetime is null");
        refresh();
    }

    @Override
    public TokenKeyset get() {
        return current;
    }

    /** Loads the stored keyset, creating or rotating it when needed. Safe to call from a timer. */
    synchronized void refresh() {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<byte[]> stored = store.loadKeyset();
            TokenKeyset keyset = stored.map(this::decrypt).orElse(null);
            TokenKeyset wanted = keyset == null ? TokenKeyset.generate(clock, random) : maintain(keyset);
            if (keyset != null && wanted == keyset) {
                current = keyset;
                currentBytes = stored.get();
                return;
            }
            byte[] bytes = wanted.toEncryptedBytes(masterKey);
            if (store.compareAndSetKeyset(stored, bytes)) {
                current = wanted;
                currentBytes = bytes;
                return;
            }
        }
        throw new IllegalStateException("could not agree on the token keyset with other writers");
    }

    /**
     * Rotation in two steps so that no node meets a token under a key it has not loaded: when due, a key is staged
     * (every node unseals with it after its next refresh); one propagation delay later it is promoted to primary.
     */
    private TokenKeyset maintain(TokenKeyset keyset) {
        TokenKeyset result = keyset;
        Instant now = clock.instant();
        var pending = keyset.pending();
        if (pending.isPresent()) {
            if (!now.isBefore(pending.get().createdAt().plus(propagationDelay))) {
                result = result.promotePending(now);
            }
        } else if (keyset.rotationDue(now, rotationPeriod)) {
            result = result.stagePending(clock, random);
        }
        TokenKeyset pruned = result.prune(clock.instant(), maxTokenLifetime);
        if (pruned.keys().size() != result.keys().size()) {
            result = pruned;
        }
        return result;
    }

    private TokenKeyset decrypt(byte[] bytes) {
        try {
            return TokenKeyset.fromEncryptedBytes(bytes, masterKey);
        } catch (SealedDataException e) {
            throw new IllegalStateException("the token keyset cannot be decrypted with this master key", e);
        }
    }

    /**
     * A token names a key this node has not seen: another node rotated. Reload from the store, at most once a second
     * so forged key ids cannot hammer the database. Returns whether a reload happened.
     */
    boolean reloadForUnknownKey() {
        Instant now = clock.instant();
        if (now.isBefore(lastUnknownKeyReload.plus(UNKNOWN_KEY_RELOAD_INTERVAL))) {
            return false;
        }
        lastUnknownKeyReload = now;
        try {
            refresh();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    byte[] currentEncrypted() {
        return currentBytes.clone();
    }
}
