package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

/** Proof that a request's signature was checked: only {@link SigV4Verifier} can construct one. */
public final class VerifiedSignature {
    private final SignedRequest request;

    VerifiedSignature(SignedRequest request) {
        this.request = requireNonNull(request, "request is null");
    }

    public SignedRequest request() {
        return request;
    }

    @Override
    public String toString() {
        return "VerifiedSignature[" + request + "]";
    }
}
