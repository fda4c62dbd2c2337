package dev.lanyard.sigv4.streaming.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.streaming.Checksum;
import dev.lanyard.sigv4.streaming.ChecksumAlgorithm;
import dev.lanyard.sigv4.streaming.PayloadMode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a request's headers, already validated, promise about its payload; each promise is checked while decoding or
 * at its end.
 *
 * @param payloadHash the {@code x-amz-content-sha256} value (the expected SHA-256 in {@link PayloadMode#SIGNED_PAYLOAD})
 * @param decodedLength the exact number of payload bytes, when declared
 * @param headerChecksum an {@code x-amz-checksum-*} header to verify against the payload
 * @param trailerChecksum the checksum the trailer must carry ({@code x-amz-trailer})
 * @param contentMd5 the base64 {@code Content-MD5}
 * @param maxSignedChunkBytes the largest signed chunk accepted: each is held in memory until its signature is checked
 */
public record PayloadRules(
        PayloadMode mode,
        String payloadHash,
        OptionalLong decodedLength,
        Optional<Checksum> headerChecksum,
        Optional<ChecksumAlgorithm> trailerChecksum,
        Optional<String> contentMd5,
        int maxSignedChunkBytes) {

    public PayloadRules {
        requireNonNull(mode, "mode is null");
        requireNonNull(payloadHash, "payloadHash is null");
        requireNonNull(decodedLength, "decodedLength is null");
        requireNonNull(headerChecksum, "headerChecksum is null");
        requireNonNull(trailerChecksum, "trailerChecksum is null");
        requireNonNull(contentMd5, "contentMd5 is null");
        if (maxSignedChunkBytes < 1) {
            throw new IllegalArgumentException("maxSignedChunkBytes must be positive: " + maxSignedChunkBytes);
        }
        if (mode.trailer() != trailerChecksum.isPresent()) {
            throw new IllegalArgumentException("a trailer checksum goes with the trailer modes only: " + mode);
        }
    }
}
