package dev.lanyard.sigv4.streaming;

import java.util.Locale;
import java.util.Optional;

/** The checksums S3 verifies on upload, sent as {@code x-amz-checksum-<name>} headers or trailers (base64). */
public enum ChecksumAlgorithm {
    CRC32(4),
    CRC32C(4),
    CRC64NVME(8),
    SHA1(20),
    SHA256(32);

    private static final String HEADER_PREFIX = "x-amz-checksum-";

    private final int digestLength;

    ChecksumAlgorithm(int digestLength) {
        this.digestLength = digestLength;
    }

    /** As S3 names it: in {@code x-amz-sdk-checksum-algorithm} and in its messages (CRC32, SHA256, ...). */
    public String s3Name() {
        return name();
    }

    /** {@code x-amz-checksum-crc32}, ...: the header or trailer carrying the value. */
    public String headerName() {
        return HEADER_PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** Bytes of the value before base64 (CRCs big-endian). */
    public int digestLength() {
        return digestLength;
    }

    /** Case-insensitive: {@code x-amz-checksum-crc32} is CRC32. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(HEADER_PREFIX)) {
            return Optional.empty();
        }
        return fromS3Name(lower.substring(HEADER_PREFIX.length()));
    }

    /** Case-insensitive, as SDKs send {@code x-amz-sdk-checksum-algorithm}. */
    public static Optional<ChecksumAlgorithm> fromS3Name(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
