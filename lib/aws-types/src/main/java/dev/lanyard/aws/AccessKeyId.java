package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An access key ID: a four-character prefix ({@code AKIA} long-term, {@code ASIA} temporary) and 16 Base32 characters
 * whose first 48 bits carry the account ID in bits 7..46, the layout AWS uses, so the account is known without a lookup.
 */
public record AccessKeyId(String value) {
    public static final String LONG_TERM_PREFIX = "AKIA";
    public static final String TEMPORARY_PREFIX = "ASIA";
    private static final long ACCOUNT_MASK = 0x7fffffffff80L;

    public AccessKeyId {
        requireNonNull(value, "value is null");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("malformed access key id");
        }
    }

    /** Length 16..128 of word characters, the model's {@code accessKeyIdType}. */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() < 16 || candidate.length() > 128) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!word) {
                return false;
            }
        }
        return true;
    }

    public static Optional<AccessKeyId> parse(String candidate) {
        return isWellFormed(candidate) ? Optional.of(new AccessKeyId(candidate)) : Optional.empty();
    }

    public static AccessKeyId generateLongTerm(AccountId account, RandomGenerator random) {
        return generate(LONG_TERM_PREFIX, account, random);
    }

    public static AccessKeyId generateTemporary(AccountId account, RandomGenerator random) {
        return generate(TEMPORARY_PREFIX, account, random);
    }

    private static AccessKeyId generate(String prefix, AccountId account, RandomGenerator random) {
        long draw = random.nextLong(); // one draw for both random parts: 7 bits beside the account, 32 below
        long high = (account.asLong() << 7) | (draw >>> 57);
        byte[] bytes = new byte[10];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (high >>> (8 * (5 - i)));
        }
        int low = (int) draw;
        for (int i = 0; i < 4; i++) {
            bytes[6 + i] = (byte) (low >>> (8 * (3 - i)));
        }
        return new AccessKeyId(prefix + Base32.encode(bytes));
    }

    public boolean isTemporary() {
        return value.startsWith(TEMPORARY_PREFIX);
    }

    public boolean isLongTerm() {
        return value.startsWith(LONG_TERM_PREFIX);
    }

    /** The account encoded in a 20-character key ID, if it has that layout. */
    public Optional<AccountId> accountId() {
        if (value.length() != 20) {
            return Optional.empty();
        }
        return Base32.decode(value.substring(4)).map(bytes -> {
            long x = 0;
            for (int i = 0; i < 6; i++) {
                x = (x << 8) | (bytes[i] & 0xff);
            }
            long account = (x & ACCOUNT_MASK) >>> 7;
            return account <= 999_999_999_999L ? AccountId.fromLong(account) : null;
        });
    }

    @Override
    public String toString() {
        return value;
    }
}
