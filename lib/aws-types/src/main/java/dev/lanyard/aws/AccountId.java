package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

/** A 12-digit AWS account ID. */
public record AccountId(String value) {
    public AccountId {
        requireNonNull(value, "value is null");
        if (!isValid(value)) {
            throw new IllegalArgumentException("account id must be 12 digits: '" + value + "'");
        }
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    public static AccountId fromLong(long number) {
        if (number < 0 || number > 999_999_999_999L) {
            throw new IllegalArgumentException("account number out of range: " + number);
        }
        // Not String.format("%012d"): it costs as much as a token unseal and prints locale-specific digits.
        char[] digits = new char[12];
        long rest = number;
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return new AccountId(new String(digits));
    }

    public long asLong() {
        return Long.parseLong(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
