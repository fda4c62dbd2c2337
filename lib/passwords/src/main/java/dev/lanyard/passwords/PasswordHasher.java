package dev.lanyard.passwords;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id, a 128-bit random salt and a 256-bit tag, and checks a password against a stored
 * hash in constant time. At most {@code concurrentHashes} hashes run at once, so a burst of requests costs at most that
 * many times the memory of one hash instead of exhausting the heap.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Argon2Settings settings;
    private final SecureRandom random;
    private final Semaphore running;

    public PasswordHasher(Argon2Settings settings, SecureRandom random, int concurrentHashes) {
        this.settings = requireNonNull(settings, "settings is null");
        this.random = requireNonNull(random, "random is null");
        this.running = new Semaphore(concurrentHashes, true);
    }

    public Argon2Settings settings() {
        return settings;
    }

    public PasswordHash hash(Password password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] tag = derive(password, settings, salt);
        return PasswordHash.of("$argon2id$v=19$m=" + settings.memoryKiB() + ",t=" + settings.iterations() + ",p="
                + settings.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag));
    }

    /** True when the password is the one hashed; false for any other, and for a hash this class cannot read. */
    public boolean matches(Password password, PasswordHash hash) {
        Matcher m = PHC.matcher(hash.encoded());
        if (!m.matches()) {
            return false;
        }
        Optional<Argon2Settings> stored = settings(m);
        if (stored.isEmpty()) {
            return false;
        }
        byte[] expected = B64_DECODER.decode(m.group(5));
        byte[] actual = derive(password, stored.get(), B64_DECODER.decode(m.group(4)));
        return MessageDigest.isEqual(expected, actual);
    }

    private static Optional<Argon2Settings> settings(Matcher m) {
        try {
            return Optional.of(new Argon2Settings(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] derive(Password password, Argon2Settings cost, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        byte[] secret = password.utf8();
        byte[] tag = new byte[TAG_BYTES];
        running.acquireUninterruptibly();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(secret, tag);
        } finally {
            running.release();
            Password.wipe(secret);
        }
        return tag;
    }
}
