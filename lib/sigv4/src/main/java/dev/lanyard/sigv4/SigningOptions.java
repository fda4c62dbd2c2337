package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link SigV4Signer} signs beyond the defaults.
 *
 * @param extraSignedHeaders more headers to sign (any case), e.g. {@code x-k8s-aws-id}
 * @param normalizePath normalize the path before encoding it (false only for S3)
 * @param addContentSha256Header add and sign {@code x-amz-content-sha256} (header signing only)
 * @param signSessionToken sign the session token; false adds it after signing (aws-c-auth's
 *     {@code omit_session_token}, used by IoT)
 */
public record SigningOptions(
        Set<String> extraSignedHeaders, boolean normalizePath, boolean addContentSha256Header, boolean signSessionToken) {

    public SigningOptions {
        requireNonNull(extraSignedHeaders, "extraSignedHeaders is null");
        extraSignedHeaders = extraSignedHeaders.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What AWS SDKs do for non-S3 services. */
    public static SigningOptions defaults() {
        return new SigningOptions(Set.of(), true, false, true);
    }

    public SigningOptions withExtraSignedHeaders(String... names) {
        return new SigningOptions(Set.copyOf(Arrays.asList(names)), normalizePath, addContentSha256Header,
                signSessionToken);
    }

    public SigningOptions withNormalizePath(boolean normalize) {
        return new SigningOptions(extraSignedHeaders, normalize, addContentSha256Header, signSessionToken);
    }

    public SigningOptions withContentSha256Header(boolean add) {
        return new SigningOptions(extraSignedHeaders, normalizePath, add, signSessionToken);
    }

    public SigningOptions withSessionTokenSigned(boolean signed) {
        return new SigningOptions(extraSignedHeaders, normalizePath, addContentSha256Header, signed);
    }
}
