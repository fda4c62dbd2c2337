package dev.lanyard.sigv4.streaming.internal;

import dev.lanyard.sigv4.streaming.ChecksumAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** A running checksum of one algorithm; {@link #value()} is the digest S3 base64-encodes (CRCs big-endian). */
public final class ChecksumCalculator {
    private final ChecksumAlgorithm algorithm;
    private final Checksum crc;
    private final MessageDigest digest;

    private ChecksumCalculator(ChecksumAlgorithm algorithm, Checksum crc, MessageDigest digest) {
        this.algorithm = algorithm;
        this.crc = crc;
        this.digest = digest;
    }

    public static ChecksumCalculator of(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> new ChecksumCalculator(algorithm, new CRC32(), null);
            case CRC32C -> new ChecksumCalculator(algorithm, new CRC32C(), null);
            case CRC64NVME -> new ChecksumCalculator(algorithm, new Crc64Nvme(), null);
            case SHA1 -> new ChecksumCalculator(algorithm, null, messageDigest("SHA-1"));
            case SHA256 -> new ChecksumCalculator(algorithm, null, messageDigest("SHA-256"));
        };
    }

    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    public void update(byte[] bytes, int offset, int length) {
        if (crc != null) {
            crc.update(bytes, offset, length);
        } else {
            digest.update(bytes, offset, length);
        }
    }

    /** The value of everything updated so far; call once. */
    public byte[] value() {
        if (digest != null) {
            return digest.digest();
        }
        long value = crc.getValue();
        byte[] out = new byte[algorithm.digestLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (value >>> (8 * (out.length - 1 - i)));
        }
        return out;
    }

    static MessageDigest messageDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is unavailable", e);
        }
    }
}
