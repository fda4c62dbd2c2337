package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.internal.Crypto;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * The chained signatures of an {@code aws-chunked} body ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}),
 * starting from the verified seed signature of the request's headers. Each chunk's string to sign is
 * {@code AWS4-HMAC-SHA256-PAYLOAD\n<amz date>\n<scope>\n<previous signature>\n<SHA-256 of "">\n<SHA-256 of chunk>} and
 * the trailer's {@code AWS4-HMAC-SHA256-TRAILER\n<amz date>\n<scope>\n<previous signature>\n<SHA-256 of trailer>}.
 *
 * <p>It only checks signatures (in constant time) and never hands one out, so holding it grants no signing power. Each
 * signature that matches becomes the previous signature of the next; one that does not leaves the chain where it was.
 * Not thread-safe: one chain per request body.
 */
public final class ChunkSignatureChain {
    private static final byte[] EMPTY_SHA256_LINE =
            (Crypto.EMPTY_SHA256 + '\n').getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] chunkPrefix;
    private final byte[] trailerPrefix;
    private byte[] previous;

    ChunkSignatureChain(Mac mac, String amzDate, String scope, byte[] seedSignatureHex) {
        this.mac = requireNonNull(mac, "mac is null");
        String dateAndScope = '\n' + amzDate + '\n' + scope + '\n';
        this.chunkPrefix = ("AWS4-HMAC-SHA256-PAYLOAD" + dateAndScope).getBytes(StandardCharsets.UTF_8);
        this.trailerPrefix = ("AWS4-HMAC-SHA256-TRAILER" + dateAndScope).getBytes(StandardCharsets.UTF_8);
        this.previous = seedSignatureHex.clone();
    }

    /**
     * @param chunkSha256 the SHA-256 digest (32 bytes) of the chunk's data
     * @param signatureHex the {@code chunk-signature} as sent: 64 lower-case hex characters in ASCII
     */
    public boolean verifyChunk(byte[] chunkSha256, byte[] signatureHex) {
        mac.update(chunkPrefix);
        mac.update(previous);
        mac.update((byte) '\n');
        mac.update(EMPTY_SHA256_LINE);
        mac.update(Crypto.hexBytes(chunkSha256));
        return advanceIfEqual(signatureHex);
    }

    /**
     * @param trailerSha256 the SHA-256 digest of the canonical trailer: each {@code name:value\n}, names lower-case
     * @param signatureHex the {@code x-amz-trailer-signature} as sent
     */
    public boolean verifyTrailer(byte[] trailerSha256, byte[] signatureHex) {
        mac.update(trailerPrefix);
        mac.update(previous);
        mac.update((byte) '\n');
        mac.update(Crypto.hexBytes(trailerSha256));
        return advanceIfEqual(signatureHex);
    }

    /** The string to sign of the next chunk up to its last line, for the operator's log when a chunk fails. */
    public String describeNextChunk() {
        return new String(chunkPrefix, StandardCharsets.UTF_8).replace('\n', '|')
                + new String(previous, StandardCharsets.US_ASCII);
    }

    private boolean advanceIfEqual(byte[] signatureHex) {
        byte[] expected = Crypto.hexBytes(mac.doFinal());
        if (MessageDigest.isEqual(expected, signatureHex)) {
            previous = expected;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "ChunkSignatureChain[REDACTED]";
    }
}
