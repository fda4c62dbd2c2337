package dev.lanyard.pipeline;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.VerifiedSignature;

/**
 * Verifies a request's signature with the secret of the key it names, by the front end's rules: the Query API's
 * {@code SigV4Verifier} over the whole request, S3's {@code S3SigV4Verifier} over its headers (the body is verified
 * while it streams). A mismatch throws the front end's own error.
 */
@FunctionalInterface
public interface SignatureCheck {
    VerifiedSignature verify(SecretAccessKey secret);
}
