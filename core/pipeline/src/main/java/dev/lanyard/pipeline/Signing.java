package dev.lanyard.pipeline;

import dev.lanyard.sigv4.PresignedLifetime;

/** How a request for an operation proves who sends it; the pipeline authenticates accordingly. */
public enum Signing {
    /** Signed with SigV4; a presigned request lives until its {@code X-Amz-Expires}. */
    SIGNED(PresignedLifetime.EXPIRES),
    /**
     * Signed with SigV4, and a presigned request lives for the whole skew window whatever its {@code X-Amz-Expires},
     * as STS's GetCallerIdentity does: the identity proofs of Vault's AWS auth and aws-iam-authenticator rely on it.
     */
    SIGNED_IDENTITY_PROOF(PresignedLifetime.SKEW_WINDOW),
    /**
     * Sent unsigned: the identity provider's token or assertion among the parameters is the credential, and the call
     * has no caller even when a signature comes along.
     */
    UNSIGNED(PresignedLifetime.EXPIRES);

    private final PresignedLifetime presignedLifetime;

    Signing(PresignedLifetime presignedLifetime) {
        this.presignedLifetime = presignedLifetime;
    }

    /** How long a presigned request for a signed operation lives. */
    public PresignedLifetime presignedLifetime() {
        return presignedLifetime;
    }
}
