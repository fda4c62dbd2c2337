package dev.lanyard.aws;

import java.util.random.RandomGenerator;

/** Prefixes of IAM unique IDs; an ID is the prefix plus 17 Base32 characters (21 in all). */
public enum UniqueIdPrefix {
    AIDA, AROA, AGPA, ANPA, ANVA, AIPA;

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    public String generate(RandomGenerator random) {
        StringBuilder id = new StringBuilder(21).append(name());
        for (int i = 0; i < 17; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
