package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.internal.AmzDate;
import java.nio.charset.StandardCharsets;

/** Proof that a request's signature was checked: only {@link SigV4Verifier} and {@link S3SigV4Verifier} construct one. */
public final class VerifiedSignature {
    private final SignedRequest request;
    private final String payloadHash;
    private final SigningKey signingKey;

    VerifiedSignature(SignedRequest request, String payloadHash, SigningKey signingKey) {
        this.request = requireNonNull(request, "request is null");
        this.payloadHash = requireNonNull(payloadHash, "payloadHash is null");
        this.signingKey = requireNonNull(signingKey, "signingKey is null");
    }

    public SignedRequest request() {
        return request;
    }

    /**
     * The payload hash the signature covers: the body's hex SHA-256 (which the verifier already checked, except for
     * S3, whose body the caller verifies while streaming it), {@code UNSIGNED-PAYLOAD} or a {@code STREAMING-*} value.
     */
    public String payloadHash() {
        return payloadHash;
    }

    /** A new chain of chunk signatures seeded with this request's signature, for its {@code aws-chunked} body. */
    public ChunkSignatureChain chunkSignatureChain() {
        return new ChunkSignatureChain(signingKey.mac(), AmzDate.format(request.requestTime()),
                request.credentialScope(), request.signature().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "VerifiedSignature[" + request + "]";
    }
}
