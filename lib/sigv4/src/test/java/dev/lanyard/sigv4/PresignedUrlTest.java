package dev.lanyard.sigv4;

import static dev.lanyard.sigv4.Fixtures.NOW;
import static dev.lanyard.sigv4.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Presigned GetCallerIdentity the way aws-iam-authenticator builds it: session token, signed x-k8s-aws-id. */
class PresignedUrlTest {
    private static final String QUERY = "Action=GetCallerIdentity&Version=2011-06-15";

    private static HttpRequestParts clusterRequest(String clusterId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("sts.us-west-2.amazonaws.com"));
        headers.put("x-k8s-aws-id", List.of(clusterId));
        return new HttpRequestParts("GET", "/", QUERY, headers);
    }

    private static HttpRequestParts presigned(Instant signedAt) {
        HttpRequestParts request = clusterRequest("cluster-1");
        String query = Fixtures.sessionSigner().presignQuery(request, "us-west-2", "sts", signedAt,
                Duration.ofSeconds(60), SigningOptions.defaults().withExtraSignedHeaders("x-k8s-aws-id"));
        return request.withRawQuery(query);
    }

    /** As STS verifies a presigned GetCallerIdentity: for the whole skew window. */
    private static VerifiedSignature verifyAt(Instant now, HttpRequestParts request) {
        return new SigV4Verifier(InstantSource.fixed(now))
                .verify(SignedRequest.parse(request).orElseThrow(), request, SECRET, PresignedLifetime.SKEW_WINDOW);
    }

    /** As every other presigned request is verified: until X-Amz-Expires. */
    private static VerifiedSignature verifyWithExpiresAt(Instant now, HttpRequestParts request) {
        return new SigV4Verifier(InstantSource.fixed(now))
                .verify(SignedRequest.parse(request).orElseThrow(), request, SECRET);
    }

    @Test
    void roundTripWithSessionTokenAndClusterId() {
        HttpRequestParts request = presigned(NOW);
        assertThat(request.rawQuery()).startsWith(QUERY + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                + "ASIAIOSFODNN7EXAMPLE%2F20261123%2Fus-west-2%2Fsts%2Faws4_request&X-Amz-Date=20261123T190005Z"
                + "&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Expires=60&X-Amz-Security-Token=");

        SignedRequest signed = verifyAt(NOW, request).request();
        assertThat(signed.presigned()).isTrue();
        assertThat(signed.accessKeyId()).isEqualTo(Fixtures.SESSION_KEY_ID);
        assertThat(signed.securityToken()).contains(Fixtures.TOKEN);
        assertThat(signed.signedHeaders()).containsExactly("host", "x-k8s-aws-id");
        assertThat(signed.expires()).contains(Duration.ofSeconds(60));
    }

    @Test
    void anIdentityProofIsValidForTheWholeWindowDespiteExpiresSixty() {
        HttpRequestParts request = presigned(NOW);
        assertThat(verifyAt(NOW.plus(Duration.ofMinutes(14)), request)).isNotNull();
        assertThatThrownBy(() -> verifyAt(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1), request))
                .hasMessage("Signature expired: 20261123T190005Z is now earlier than 20261123T190006Z"
                        + " (20261123T191506Z - 15 min.)");
    }

    @Test
    void otherwiseExpiresIsEnforcedToTheSecond() {
        HttpRequestParts request = presigned(NOW);
        assertThat(verifyWithExpiresAt(NOW.plusSeconds(60), request)).isNotNull();
        assertThatThrownBy(() -> verifyWithExpiresAt(NOW.plusSeconds(61), request))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.REQUEST_EXPIRED);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(400);
                    assertThat(e.operatorDetail()).isEqualTo("presigned at 20261123T190005Z for 60 s, now"
                            + " 20261123T190106Z");
                })
                .hasMessage("Request has expired.");
    }

    /** A week-long X-Amz-Expires does not outlast the skew window, which bounds every signature. */
    @Test
    void aLongExpiresEndsWithTheWindow() {
        HttpRequestParts request = clusterRequest("c").withRawQuery(Fixtures.sessionSigner().presignQuery(
                clusterRequest("c"), "us-west-2", "sts", NOW, Duration.ofDays(7),
                SigningOptions.defaults().withExtraSignedHeaders("x-k8s-aws-id")));
        assertThat(verifyWithExpiresAt(NOW.plus(Duration.ofMinutes(15)), request)).isNotNull();
        assertThatThrownBy(() -> verifyWithExpiresAt(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1), request))
                .hasMessageStartingWith("Signature expired: 20261123T190005Z");
    }

    @Test
    void aPresignedUrlWithoutExpiresGetsTheWindow() throws Exception {
        HttpRequestParts request = handPresigned("", Fixtures.EMPTY_SHA256, new byte[0]);
        assertThat(SignedRequest.parse(request).orElseThrow().expires()).isEmpty();
        assertThat(verifyWithExpiresAt(NOW.plus(Duration.ofMinutes(15)), request)).isNotNull();
    }

    @Test
    void theClusterIdIsBound() {
        HttpRequestParts request = presigned(NOW);
        HttpRequestParts otherCluster = clusterRequest("cluster-2").withRawQuery(request.rawQuery());
        assertThatThrownBy(() -> verifyAt(NOW, otherCluster)).isInstanceOf(AwsException.class);
        HttpRequestParts noCluster = Fixtures.withoutHeader(request, "x-k8s-aws-id");
        assertThatThrownBy(() -> verifyAt(NOW, noCluster)).isInstanceOf(AwsException.class);
    }

    @Test
    void theTokenIsBound() {
        HttpRequestParts request = presigned(NOW);
        HttpRequestParts forged = Mutations.withParameter(request, "X-Amz-Security-Token", v -> "forged");
        assertThatThrownBy(() -> verifyAt(NOW, forged))
                .hasMessageStartingWith("The request signature we calculated does not match");
        HttpRequestParts dropped = request.withRawQuery(
                Mutations.removeParameter(request.rawQuery(), "X-Amz-Security-Token"));
        assertThatThrownBy(() -> verifyAt(NOW, dropped))
                .hasMessageStartingWith("The request signature we calculated does not match");
    }

    @Test
    void theActionIsBound() {
        HttpRequestParts request = presigned(NOW);
        HttpRequestParts other = Mutations.withParameter(request, "Action", v -> "AssumeRole");
        assertThatThrownBy(() -> verifyAt(NOW, other)).isInstanceOf(AwsException.class);
    }

    @Test
    void expiresMustBeWholeSecondsUpToAWeek() {
        HttpRequestParts request = clusterRequest("c");
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(604_801))) {
            assertThatThrownBy(() -> Fixtures.signer().presignQuery(request, "us-east-1", "sts", NOW, bad))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A presigned GET signed by hand with {@code payloadHash}, for shapes our signer does not make. */
    private static HttpRequestParts handPresigned(String expires, String payloadHash, byte[] body) throws Exception {
        Map<String, List<String>> headers = Map.of("Host", List.of("127.0.0.1:8955"));
        String query = QUERY + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261123%2F"
                + "us-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261123T190005Z" + expires + "&X-Amz-SignedHeaders=host";
        HttpRequestParts unsigned = new HttpRequestParts("GET", "/", query, headers);
        String canonical = CanonicalRequest.of(unsigned, List.of("host"), payloadHash, true);
        String toSign = CanonicalRequest.stringToSign(NOW, "20261123/us-east-1/sts/aws4_request", canonical);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(new SigningKeys(4).signingKey(SECRET, "20261123", "us-east-1",
                "sts"), "HmacSHA256"));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        return new HttpRequestParts("GET", "/", query + "&X-Amz-Signature=" + signature, headers, body);
    }

    /** A presigned URL signed with UNSIGNED-PAYLOAD, as S3 presigners make them. */
    private static HttpRequestParts unsignedPayloadPresign(byte[] body) throws Exception {
        return handPresigned("&X-Amz-Expires=60", "UNSIGNED-PAYLOAD", body);
    }

    /**
     * AWS takes UNSIGNED-PAYLOAD only for S3 and the few operations modelled with it; the Query and JSON services
     * verify the SHA-256 of the body received, so such a URL does not verify, with a body or without.
     */
    @Test
    void anUnsignedPayloadPresignIsRefusedWhereThePayloadMustBeSigned() throws Exception {
        for (byte[] body : List.of(new byte[0], "UserName=victim".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            HttpRequestParts request = unsignedPayloadPresign(body);
            assertThatThrownBy(() -> verifyWithExpiresAt(NOW, request))
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
        }
    }

    @Test
    void anUnsignedPayloadPresignVerifiesWhereUnsignedPayloadIsAllowed() throws Exception {
        SigV4Verifier s3Style = new SigV4Verifier(InstantSource.fixed(NOW), SigV4Verifier.DEFAULT_ALLOWED_SKEW,
                new SigningKeys(4), false, PayloadSigning.UNSIGNED_ALLOWED);
        HttpRequestParts request = unsignedPayloadPresign(new byte[0]);
        assertThat(s3Style.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET).request().presigned())
                .isTrue();
    }

    /** A presigned URL covers the empty body it was signed with: a body added to it does not verify. */
    @Test
    void aBodyAddedToAPresignedUrlIsNotCovered() {
        HttpRequestParts request = presigned(NOW);
        HttpRequestParts withBody = Mutations.withBody(request,
                "Tags.member.1.Key=team".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifyAt(NOW, withBody))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void theAuthenticationParametersAreNamed() {
        assertThat(SignedRequest.AUTHENTICATION_PARAMETERS).containsExactlyInAnyOrder("X-Amz-Algorithm",
                "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token",
                "X-Amz-Signature");
    }
}
