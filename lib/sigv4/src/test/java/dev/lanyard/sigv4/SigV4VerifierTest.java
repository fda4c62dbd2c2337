package dev.lanyard.sigv4;

import static dev.lanyard.sigv4.Fixtures.NOW;
import static dev.lanyard.sigv4.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.sigv4.internal.Crypto;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Scope checks, payload hashes, the Date header, and header signing with a session token. */
class SigV4VerifierTest {
    private final SigV4Verifier verifier = new SigV4Verifier(InstantSource.fixed(NOW));

    private VerifiedSignature verify(HttpRequestParts request) {
        return verifier.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET);
    }

    /** Signs by hand with the public building blocks, for shapes our signer does not produce. */
    private static String signature(HttpRequestParts request, List<String> signedHeaders, String payloadHash,
            String date, String terminatorScope) {
        String canonical = CanonicalRequest.of(request, signedHeaders, payloadHash, true);
        String stringToSign = CanonicalRequest.stringToSign(NOW, terminatorScope, canonical);
        byte[] key = new SigningKeys(4).signingKey(SECRET, date, "us-east-1", "sts");
        return Crypto.hex(Crypto.hmacSha256(key, stringToSign));
    }

    @Test
    void botocoreStyleStsCallVerifies() {
        VerifiedSignature verified = verify(Fixtures.signedStsPost(NOW));
        assertThat(verified.request().signedHeaders()).containsExactly("content-type", "host", "x-amz-date");
        assertThat(verified.request().service()).isEqualTo("sts");
        assertThat(verified.request().securityToken()).isEmpty();
        assertThat(verified.request().presigned()).isFalse();
    }

    @Test
    void sessionTokenAndExtraHeadersAreSigned() {
        HttpRequestParts request = Fixtures.withHeader(Fixtures.stsPost(), "X-Vault-AWS-IAM-Server-ID", "vault.test");
        Map<String, String> added = Fixtures.sessionSigner().signHeaders(request, "eu-west-1", "sts", NOW,
                SigningOptions.defaults().withExtraSignedHeaders("X-Vault-AWS-IAM-Server-ID"));
        assertThat(added.keySet()).containsExactly("X-Amz-Security-Token", "X-Amz-Date", "Authorization");
        assertThat(added.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20261123/"
                + "eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;"
                + "x-vault-aws-iam-server-id, Signature=");
        HttpRequestParts sent = Fixtures.withAdded(request, added);

        SignedRequest verified = verify(sent).request();
        assertThat(verified.securityToken()).contains(Fixtures.TOKEN);
        assertThat(verified.region()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> verify(Fixtures.withHeader(sent, "X-Amz-Security-Token", "forged")))
                .hasMessageStartingWith("The request signature we calculated does not match");
        assertThatThrownBy(() -> verify(Fixtures.withHeader(sent, "x-vault-aws-iam-server-id", "evil.test")))
                .hasMessageStartingWith("The request signature we calculated does not match");
        assertThat(verify(Fixtures.withHeader(sent, "User-Agent", "unsigned headers may change"))).isNotNull();
    }

    @Test
    void theDateHeaderIsUsedWithoutXAmzDate() {
        HttpRequestParts request = Fixtures.withHeader(Fixtures.stsPost(), "Date", "Mon, 23 Nov 2026 19:00:05 GMT");
        String sig = signature(request, List.of("date", "host"), Crypto.sha256Hex(request.body()), "20261123",
                "20261123/us-east-1/sts/aws4_request");
        HttpRequestParts signed = Fixtures.withHeader(request, "Authorization", "AWS4-HMAC-SHA256 Credential="
                + Fixtures.ACCESS_KEY_ID + "/20261123/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature="
                + sig);
        assertThat(verify(signed).request().requestTime()).isEqualTo(NOW);
    }

    @Test
    void theScopeDateMustBeTheRequestDate() {
        HttpRequestParts request = Fixtures.signedStsPost(NOW);
        String authorization = request.header("Authorization").orElseThrow().replace("/20261123/", "/20261124/");
        assertThatThrownBy(() -> verify(Fixtures.withHeader(request, "Authorization", authorization)))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                        + " HTTP: '20261124' != '20261123', from '20261123T190005Z'.");
    }

    @Test
    void theTerminatorMustBeAws4Request() {
        HttpRequestParts request = Fixtures.signedStsPost(NOW);
        String authorization = request.header("Authorization").orElseThrow().replace("/aws4_request", "/aws5_request");
        assertThatThrownBy(() -> verify(Fixtures.withHeader(request, "Authorization", authorization)))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("Credential should be scoped with a valid terminator: 'aws4_request', not"
                        + " 'aws5_request'.");
    }

    @Test
    void aDeclaredPayloadHashMustMatchTheBody() {
        HttpRequestParts request = Fixtures.stsPost();
        Map<String, String> added = Fixtures.signer().signHeaders(request, "us-east-1", "sts", NOW,
                SigningOptions.defaults().withContentSha256Header(true));
        HttpRequestParts sent = Fixtures.withAdded(request, added);
        assertThat(verify(sent)).isNotNull();
        HttpRequestParts swapped = Mutations.withBody(sent, "Action=CreateUser".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verify(swapped))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    /** The AWS Query and JSON services verify the SHA-256 of the body received, never UNSIGNED-PAYLOAD. */
    @Test
    void unsignedPayloadIsRefusedWhereThePayloadMustBeSigned() {
        HttpRequestParts sent = unsignedPayloadPost();
        assertThatThrownBy(() -> verify(sent))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.operatorDetail()).contains("UNSIGNED-PAYLOAD is not accepted");
                })
                .hasMessageStartingWith("The request signature we calculated does not match");
        assertThatThrownBy(() -> verify(Mutations.withBody(sent, new byte[] {1, 2, 3})))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void unsignedPayloadIsTakenAtItsWordWhereAllowed() {
        SigV4Verifier s3Style = new SigV4Verifier(InstantSource.fixed(NOW), SigV4Verifier.DEFAULT_ALLOWED_SKEW,
                new SigningKeys(4), true, PayloadSigning.UNSIGNED_ALLOWED);
        HttpRequestParts sent = unsignedPayloadPost();
        assertThat(s3Style.verify(SignedRequest.parse(sent).orElseThrow(), sent, SECRET)).isNotNull();
        HttpRequestParts swapped = Mutations.withBody(sent, new byte[] {1, 2, 3});
        assertThat(s3Style.verify(SignedRequest.parse(swapped).orElseThrow(), swapped, SECRET)).isNotNull();
    }

    @Test
    void aRepeatedPayloadHashHeaderIsRefused() {
        HttpRequestParts request = Fixtures.stsPost();
        Map<String, String> added = Fixtures.signer().signHeaders(request, "us-east-1", "sts", NOW,
                SigningOptions.defaults().withContentSha256Header(true));
        HttpRequestParts sent = Fixtures.withAdded(request, added);
        Map<String, List<String>> headers = new LinkedHashMap<>(sent.headers());
        String hash = sent.header("x-amz-content-sha256").orElseThrow();
        headers.put("x-amz-content-sha256", List.of(hash, "UNSIGNED-PAYLOAD"));
        HttpRequestParts repeated = new HttpRequestParts("POST", "/", "", headers, sent.body());
        assertThatThrownBy(() -> verify(repeated))
                .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    private static HttpRequestParts unsignedPayloadPost() {
        HttpRequestParts request = Fixtures.withHeader(Fixtures.stsPost(), "X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
        return Fixtures.withAdded(request, Fixtures.signer().signHeaders(request, "us-east-1", "sts",
                NOW, SigningOptions.defaults().withExtraSignedHeaders("x-amz-content-sha256")));
    }

    @Test
    void anHttp2AuthorityStandsInForHost() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(":authority", List.of("sts.example.test"));
        HttpRequestParts request = new HttpRequestParts("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15",
                headers);
        HttpRequestParts sent = Fixtures.withAdded(request,
                Fixtures.signer().signHeaders(request, "us-east-1", "sts", NOW));
        assertThat(verify(sent).request().signedHeaders()).contains("host");
    }

    @Test
    void signingRequiresAHost() {
        HttpRequestParts request = Fixtures.withoutHeader(Fixtures.stsPost(), "Host");
        assertThatThrownBy(() -> Fixtures.signer().signHeaders(request, "us-east-1", "sts", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureInUpperCaseHexDoesNotMatch() {
        HttpRequestParts request = Fixtures.signedStsPost(NOW);
        String authorization = request.header("Authorization").orElseThrow();
        int at = authorization.indexOf("Signature=") + 10;
        String upper = authorization.substring(0, at) + authorization.substring(at).toUpperCase(java.util.Locale.ROOT);
        assertThatThrownBy(() -> verify(Fixtures.withHeader(request, "Authorization", upper)))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void printsNoSecrets() {
        HttpRequestParts sent = Fixtures.withAdded(Fixtures.stsPost(),
                Fixtures.sessionSigner().signHeaders(Fixtures.stsPost(), "us-east-1", "sts", NOW));
        VerifiedSignature verified = verify(sent);
        assertThat(verified.toString()).doesNotContain(Fixtures.TOKEN).contains("[REDACTED]");
        assertThat(Fixtures.sessionSigner().toString()).doesNotContain(SECRET.reveal());
        assertThat(sent.toString()).doesNotContain(Fixtures.TOKEN);
    }

    /** The operator's log line names the string to sign the verifier computed, with line breaks as '|'. */
    @Test
    void mismatchTellsTheOperatorTheStringToSign() {
        HttpRequestParts sent = Fixtures.withHeader(Fixtures.signedStsPost(NOW), "Content-Type", "text/plain");
        SignedRequest signed = SignedRequest.parse(sent).orElseThrow();
        String canonical = CanonicalRequest.of(sent, signed.signedHeaders(), Crypto.sha256Hex(sent.body()), true);
        String expected = CanonicalRequest.stringToSign(NOW, signed.credentialScope(), canonical);
        assertThatThrownBy(() -> verifier.verify(signed, sent, SECRET))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.operatorDetail())
                        .isEqualTo("string to sign: " + expected.replace('\n', '|')));
    }

    /** Verifiers share cached signing keys (and the HMAC prepared for each) between threads. */
    @Test
    void concurrentVerificationsOfGoodAndForgedRequestsEachGetTheirOwnAnswer() throws Exception {
        HttpRequestParts good = Fixtures.signedStsPost(NOW);
        HttpRequestParts forged = Fixtures.withHeader(good, "Content-Type", "text/plain");
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        assertThat(verify(good).request().accessKeyId()).isEqualTo(Fixtures.ACCESS_KEY_ID);
                        assertThatThrownBy(() -> verify(forged)).isInstanceOf(AwsException.class);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
    }
}
