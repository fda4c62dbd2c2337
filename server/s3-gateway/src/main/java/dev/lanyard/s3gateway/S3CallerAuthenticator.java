package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.VerifiedSignature;

/**
 * Turns a signed request into its caller, the way the Query API does: a long-term key from the IAM read model, a
 * temporary one from its sealed session token. The gateway supplies the signature check (S3's rules), the
 * authenticator the secret to check it with. This is the one seam to the authentication pipeline, so moving that
 * pipeline into core changes only the implementation handed to the gateway.
 */
@FunctionalInterface
public interface S3CallerAuthenticator {
    /**
     * @param signed the request's parsed signature
     * @param check verifies the signature with the key's secret; whatever it throws propagates
     * @throws dev.lanyard.pipeline.CredentialsRejectedException for an unknown, inactive or malformed key or token, an
     *     expired session or a closed account, with its reason
     * @throws dev.lanyard.aws.AwsException for what else the authentication refuses (a session token out of its
     *     region)
     */
    Authenticated authenticate(SignedRequest signed, SignatureCheck check);

    /** Verifies the request's signature with the secret the authenticator found. */
    @FunctionalInterface
    interface SignatureCheck {
        VerifiedSignature verify(SecretAccessKey secret);
    }

    /** The caller and the verified signature (the seed of its chunk signatures). */
    record Authenticated(Caller caller, VerifiedSignature signature) {
        public Authenticated {
            requireNonNull(caller, "caller is null");
            requireNonNull(signature, "signature is null");
        }
    }
}
