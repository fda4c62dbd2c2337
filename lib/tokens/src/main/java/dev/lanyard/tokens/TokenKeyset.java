package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretBytes;
import dev.lanyard.tokens.internal.KeysetEncoding;
import dev.lanyard.tokens.internal.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys that seal and unseal session tokens. Immutable: rotation, pruning and disabling return a new keyset, which
 * the store publishes with compare-and-set so that one node's rotation wins.
 *
 * <p>Exactly one PRIMARY key seals; PRIMARY and ENABLED keys unseal, picked by the key id in the token. Key ids start
 * at a random value per keyset and grow by one on each rotation, so an id is never reused within a keyset's history:
 * a token whose key was pruned is always refused as an unknown key, never tried against a newer key.
 */
public record TokenKeyset(List<TokenKey> keys) {
    private static final int FIRST_ID_BOUND = 1 << 30;
    private static final byte[] ASSOCIATED_DATA = "lanyard:token-keyset:v1".getBytes(StandardCharsets.US_ASCII);

    public TokenKeyset {
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        int primaries = 0;
        Set<Integer> ids = new HashSet<>();
        for (TokenKey key : keys) {
            if (!ids.add(key.keyId())) {
                throw new IllegalArgumentException("duplicate token key id " + key.keyId());
            }
            if (key.status() == TokenKeyStatus.PRIMARY) {
                primaries++;
            }
        }
        if (primaries != 1) {
            throw new IllegalArgumentException("a token keyset needs exactly one primary key, found " + primaries);
        }
    }

    /** A keyset with one fresh primary key. */
    public static TokenKeyset generate(InstantSource clock, SecureRandom rnd) {
        requireNonNull(clock, "clock is null");
        requireNonNull(rnd, "rnd is null");
        int firstId = 1 + rnd.nextInt(FIRST_ID_BOUND);
        return new TokenKeyset(List.of(newPrimary(firstId, clock.instant(), rnd)));
    }

    public TokenKey primary() {
        for (TokenKey key : keys) {
            if (key.status() == TokenKeyStatus.PRIMARY) {
                return key;
            }
        }
        throw new IllegalStateException("INVARIANT: the constructor guarantees one primary");
    }

    /** The key that may unseal a token carrying {@code keyId}: PRIMARY or ENABLED, never DISABLED. */
    public Optional<TokenKey> unsealingKey(int keyId) {
        for (TokenKey key : keys) {
            if (key.keyId() == keyId) {
                return key.unseals() ? Optional.of(key) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * New primary; the old primary becomes ENABLED with retiredAt=now, so its tokens keep working until they expire.
     */
    public TokenKeyset rotate(InstantSource clock, SecureRandom rnd) {
        requireNonNull(clock, "clock is null");
        requireNonNull(rnd, "rnd is null");
        Instant now = clock.instant();
        List<TokenKey> next = new ArrayList<>(keys.size() + 1);
        int maxId = Integer.MIN_VALUE;
        for (TokenKey key : keys) {
            maxId = Math.max(maxId, key.keyId());
            next.add(key.status() == TokenKeyStatus.PRIMARY
                    ? key.withStatus(TokenKeyStatus.ENABLED, Optional.of(now))
                    : key);
        }
        next.add(newPrimary(Math.addExact(maxId, 1), now, rnd));
        return new TokenKeyset(next);
    }

    /**
     * Drops ENABLED keys retired longer ago than {@code maxTokenLifetime}: every token they sealed has expired. Pass
     * the longest session duration plus the allowed clock skew and keyset propagation delay.
     */
    public TokenKeyset prune(Instant now, Duration maxTokenLifetime) {
        requireNonNull(now, "now is null");
        requireNonNull(maxTokenLifetime, "maxTokenLifetime is null");
        List<TokenKey> kept = new ArrayList<>(keys.size());
        for (TokenKey key : keys) {
            if (!outlivedItsTokens(key, now, maxTokenLifetime)) {
                kept.add(key);
            }
        }
        return kept.size() == keys.size() ? this : new TokenKeyset(kept);
    }

    private static boolean outlivedItsTokens(TokenKey key, Instant now, Duration maxTokenLifetime) {
        return switch (key.status()) {
            case PRIMARY, DISABLED -> false;
            case ENABLED -> key.retiredAt().map(r -> r.plus(maxTokenLifetime).isBefore(now)).orElse(false);
        };
    }

    /**
     * First half of a rotation across nodes: a new key that every node can unseal with, but that seals nothing yet.
     * Once all nodes have loaded it, {@link #promotePending} makes it primary, so no node ever meets a token sealed
     * under a key it has not seen. No-op while a key is already pending.
     */
    public TokenKeyset stagePending(InstantSource clock, SecureRandom rnd) {
        requireNonNull(clock, "clock is null");
        requireNonNull(rnd, "rnd is null");
        if (pending().isPresent()) {
            return this;
        }
        int maxId = keys.stream().mapToInt(TokenKey::keyId).max().orElseThrow();
        List<TokenKey> next = new ArrayList<>(keys);
        next.add(new TokenKey(Math.addExact(maxId, 1), SecretBytes.random(TokenKey.KEY_LENGTH_BYTES, rnd),
                TokenKeyStatus.ENABLED, clock.instant(), Optional.empty()));
        return new TokenKeyset(next);
    }

    /** The staged key: enabled, never retired, newer than the primary. */
    public Optional<TokenKey> pending() {
        int primaryId = primary().keyId();
        return keys.stream().filter(k -> k.status() == TokenKeyStatus.ENABLED && k.retiredAt().isEmpty()
                && k.keyId() > primaryId).findFirst();
    }

    /** Second half of a rotation: the pending key becomes primary and the old primary retires now. */
    public TokenKeyset promotePending(Instant now) {
        requireNonNull(now, "now is null");
        TokenKey staged = pending().orElseThrow(() -> new IllegalStateException("no pending token key"));
        List<TokenKey> next = new ArrayList<>(keys.size());
        for (TokenKey key : keys) {
            if (key.status() == TokenKeyStatus.PRIMARY) {
                next.add(key.withStatus(TokenKeyStatus.ENABLED, Optional.of(now)));
            } else if (key.keyId() == staged.keyId()) {
                next.add(key.withStatus(TokenKeyStatus.PRIMARY, Optional.empty()));
            } else {
                next.add(key);
            }
        }
        return new TokenKeyset(next);
    }

    /** True once the primary is at least {@code rotationPeriod} old. */
    public boolean rotationDue(Instant now, Duration rotationPeriod) {
        requireNonNull(now, "now is null");
        requireNonNull(rotationPeriod, "rotationPeriod is null");
        return !now.isBefore(primary().createdAt().plus(rotationPeriod));
    }

    /** Stops a non-primary key from unsealing (e.g. after a suspected leak); its tokens are refused at once. */
    public TokenKeyset disable(int keyId) {
        return withStatus(keyId, TokenKeyStatus.DISABLED);
    }

    /** Lets a DISABLED key unseal again. */
    public TokenKeyset enable(int keyId) {
        return withStatus(keyId, TokenKeyStatus.ENABLED);
    }

    private TokenKeyset withStatus(int keyId, TokenKeyStatus status) {
        List<TokenKey> next = new ArrayList<>(keys.size());
        boolean found = false;
        for (TokenKey key : keys) {
            if (key.keyId() == keyId) {
                if (key.status() == TokenKeyStatus.PRIMARY) {
                    throw new IllegalArgumentException("the primary key cannot change status; rotate first");
                }
                found = true;
                next.add(key.withStatus(status, key.retiredAt()));
            } else {
                next.add(key);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no token key with id " + keyId);
        }
        return new TokenKeyset(next);
    }

    /** The store's form: the whole keyset, material and metadata, sealed under the master key. */
    public byte[] toEncryptedBytes(Sealer master) {
        requireNonNull(master, "master is null");
        byte[] plain = KeysetEncoding.encode(this);
        try {
            return master.encrypt(plain, ASSOCIATED_DATA);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    public static TokenKeyset fromEncryptedBytes(byte[] data, Sealer master) throws SealedDataException {
        requireNonNull(data, "data is null");
        requireNonNull(master, "master is null");
        byte[] plain = master.decrypt(data, ASSOCIATED_DATA);
        try {
            return KeysetEncoding.decode(plain);
        } catch (MalformedDataException e) {
            throw new SealedDataException("token keyset is malformed: " + e.getMessage());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static TokenKey newPrimary(int keyId, Instant now, SecureRandom rnd) {
        return new TokenKey(keyId, SecretBytes.random(TokenKey.KEY_LENGTH_BYTES, rnd), TokenKeyStatus.PRIMARY, now,
                Optional.empty());
    }
}
