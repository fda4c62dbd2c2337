package dev.lanyard.sigv4;

import static dev.lanyard.sigv4.Fixtures.NOW;
import static dev.lanyard.sigv4.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.sigv4.internal.Crypto;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verification of a request another party received: it hashed the body, and only the hash reaches the verifier (the
 * authorization API's input). The hash must stand for the body the signature covers.
 */
class HashedPayloadVerificationTest {
    private final SigV4Verifier verifier = new SigV4Verifier(InstantSource.fixed(NOW));

    private VerifiedSignature verifyHashed(HttpRequestParts request, String bodySha256) {
        return verifier.verifyHashed(SignedRequest.parse(request).orElseThrow(), withoutBody(request), bodySha256,
                SECRET, PresignedLifetime.EXPIRES);
    }

    private static HttpRequestParts withoutBody(HttpRequestParts request) {
        return new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(), request.headers());
    }

    @Test
    void theBodysHashStandsForTheBody() {
        HttpRequestParts request = Fixtures.signedStsPost(NOW);
        VerifiedSignature verified = verifyHashed(request, Crypto.sha256Hex(request.body()));
        assertThat(verified.payloadHash()).isEqualTo(Crypto.sha256Hex(request.body()));
    }

    @Test
    void anotherBodysHashDoesNotMatch() {
        HttpRequestParts request = Fixtures.signedStsPost(NOW);
        assertThatThrownBy(() -> verifyHashed(request, Crypto.sha256Hex(new byte[] {1})))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void aDeclaredContentHashMustBeTheHashGiven() {
        HttpRequestParts unsigned = Fixtures.stsPost();
        Map<String, String> added = Fixtures.signer().signHeaders(unsigned, "us-east-1", "sts", NOW,
                SigningOptions.defaults().withContentSha256Header(true));
        HttpRequestParts request = Fixtures.withAdded(unsigned, added);
        assertThat(verifyHashed(request, Crypto.sha256Hex(request.body()))).isNotNull();
        assertThatThrownBy(() -> verifyHashed(request, Crypto.sha256Hex(new byte[] {1})))
                .isInstanceOf(AwsException.class)
                .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void unsignedPayloadIsRefused() {
        HttpRequestParts request = Fixtures.withHeader(Fixtures.signedStsPost(NOW), "x-amz-content-sha256",
                "UNSIGNED-PAYLOAD");
        assertThatThrownBy(() -> verifyHashed(request, Crypto.sha256Hex(request.body())))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void onlyALowercaseHexHashIsAHash() {
        assertThat(SigV4Verifier.isHexSha256(Crypto.sha256Hex(new byte[0]))).isTrue();
        assertThat(SigV4Verifier.isHexSha256(Crypto.sha256Hex(new byte[0]).toUpperCase())).isFalse();
        assertThat(SigV4Verifier.isHexSha256("UNSIGNED-PAYLOAD")).isFalse();
        HttpRequestParts request = Fixtures.signedStsPost(NOW);
        assertThatThrownBy(() -> verifyHashed(request, "UNSIGNED-PAYLOAD"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
