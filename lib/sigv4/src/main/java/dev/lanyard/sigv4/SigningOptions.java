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
 * @param doubleEncodePath URI-encode the already encoded path once more (false only for S3)
 * @param addContentSha256Header add and sign {@code x-amz-content-sha256} (header signing only): the request's own
 *     value when it carries one ({@code UNSIGNED-PAYLOAD}, {@code STREAMING-...}), else the body's hash
 * @param signSessionToken sign the session token; false adds it after signing (aws-c-auth's
 *     {@code omit_session_token}, used by IoT)
 * @param presignUnsignedPayload presigned URLs sign {@code UNSIGNED-PAYLOAD} instead of the body's hash, as every S3
 *     presigner does (the body of a presigned PUT is not known when the URL is made)
 */
public record SigningOptions(
        Set<String> extraSignedHeaders,
        boolean normalizePath,
        boolean doubleEncodePath,
        boolean addContentSha256Header,
        boolean signSessionToken,
        boolean presignUnsignedPayload) {

    public SigningOptions {
        requireNonNull(extraSignedHeaders, "extraSignedHeaders is null");
        extraSignedHeaders = extraSignedHeaders.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What AWS SDKs do for non-S3 services. */
    public static SigningOptions defaults() {
        return new SigningOptions(Set.of(), true, true, false, true, false);
    }

    /**
     * What AWS SDKs do for S3: the path neither normalized nor encoded twice, {@code x-amz-content-sha256} always sent
     * and signed, presigned URLs for an unsigned payload.
     */
    public static SigningOptions s3() {
        return new SigningOptions(Set.of(), false, false, true, true, true);
    }

    public SigningOptions withExtraSignedHeaders(String... names) {
        return new SigningOptions(Set.copyOf(Arrays.asList(names)), normalizePath, doubleEncodePath,
                addContentSha256Header, signSessionToken, presignUnsignedPayload);
    }

    public SigningOptions withNormalizePath(boolean normalize) {
        return new SigningOptions(extraSignedHeaders, normalize, doubleEncodePath, addContentSha256Header,
                signSessionToken, presignUnsignedPayload);
    }

    public SigningOptions withContentSha256Header(boolean add) {
        return new SigningOptions(extraSignedHeaders, normalizePath, doubleEncodePath, add, signSessionToken,
                presignUnsignedPayload);
    }

    public SigningOptions withSessionTokenSigned(boolean signed) {
        return new SigningOptions(extraSignedHeaders, normalizePath, doubleEncodePath, addContentSha256Header, signed,
                presignUnsignedPayload);
    }
}
