package dev.lanyard.sigv4;

import static dev.lanyard.sigv4.Fixtures.NOW;
import static dev.lanyard.sigv4.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
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

    private static VerifiedSignature verifyAt(Instant now, HttpRequestParts request) {
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
    void validForTheWholeWindowDespiteExpiresSixty() {
        HttpRequestParts request = presigned(NOW);
        assertThat(verifyAt(NOW.plus(Duration.ofMinutes(14)), request)).isNotNull();
        assertThatThrownBy(() -> verifyAt(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1), request))
                .hasMessage("Signature expired: 20261123T190005Z is now earlier than 20261123T190006Z"
                        + " (20261123T191506Z - 15 min.)");
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

    /** botocore presigns with UNSIGNED-PAYLOAD as the payload hash, for every service. */
    @Test
    void botocoreStyleUnsignedPayloadPresignVerifies() throws Exception {
        Map<String, List<String>> headers = Map.of("Host", List.of("127.0.0.1:8955"));
        String query = QUERY + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261123%2F"
                + "us-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261123T190005Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host";
        HttpRequestParts unsigned = new HttpRequestParts("GET", "/", query, headers);
        String canonical = CanonicalRequest.of(unsigned, List.of("host"), "UNSIGNED-PAYLOAD", true);
        String toSign = CanonicalRequest.stringToSign(NOW, "20261123/us-east-1/sts/aws4_request", canonical);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(new SigningKeys(4).signingKey(SECRET, "20261123", "us-east-1",
                "sts"), "HmacSHA256"));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        HttpRequestParts request = unsigned.withRawQuery(query + "&X-Amz-Signature=" + signature);
        assertThat(verifyAt(NOW, request).request().presigned()).isTrue();

        HttpRequestParts withBody = new HttpRequestParts("GET", "/", request.rawQuery(), headers, new byte[] {1});
        assertThatThrownBy(() -> verifyAt(NOW, withBody)).isInstanceOf(AwsException.class);
    }
}
