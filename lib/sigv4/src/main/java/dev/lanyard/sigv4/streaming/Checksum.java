package dev.lanyard.sigv4.streaming;

import static java.util.Objects.requireNonNull;

/** A checksum as S3 carries it: the algorithm and the base64 of its value. */
public record Checksum(ChecksumAlgorithm algorithm, String base64) {
    public Checksum {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(base64, "base64 is null");
    }

    /** The header or trailer line's name, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return algorithm.headerName();
    }
}
