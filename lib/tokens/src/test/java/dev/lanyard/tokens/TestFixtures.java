package dev.lanyard.tokens;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretBytes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Deterministic keys and ids shared by the tests and the fuzz tests (whose seed files were sealed under them). */
public final class TestFixtures {
    public static final AccountId ACCOUNT = AccountId.of("123456789012");
    public static final AccessKeyId ACCESS_KEY_ID = new AccessKeyId("ASIAQWERTYUIOPASDFGH");
    public static final AccessKeyId OTHER_ACCESS_KEY_ID = new AccessKeyId("ASIAQWERTYUIOPASDFGJ");
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private TestFixtures() {}

    /** A keyset with one primary whose material is 0, 1, …, 31 and whose id is 0x0A0B0C0D. */
    public static TokenKeyset fixedKeyset() {
        byte[] material = new byte[TokenKey.KEY_LENGTH_BYTES];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        return new TokenKeyset(List.of(new TokenKey(0x0A0B0C0D, SecretBytes.copyOf(material), TokenKeyStatus.PRIMARY,
                EPOCH, Optional.empty())));
    }

    /** A SecureRandom that repeats: SHA1PRNG seeded before first use is deterministic. */
    public static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
