package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.pipeline.TestWorld.Credentials;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.SigningOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The entry point as an S3 front end uses it: S3's verifier checks the headers (the body is verified while it
 * streams), S3's errors come through unchanged, and a refused credential carries the reason S3 answers by name.
 */
class S3FrontEndAuthenticationTest {
    private final TestWorld world = new TestWorld();
    private final S3SigV4Verifier verifier = new S3SigV4Verifier(world.clock, new SigningKeys(16));

    private RequestAuthenticator.Authenticated authenticate(Credentials credentials) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Host", "bucket.s3.test",
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        HttpRequestParts unsigned = new HttpRequestParts("PUT", "/key.txt", "", lists(headers));
        headers.putAll(credentials.signer().signHeaders(unsigned, TestWorld.REGION, "s3", world.clock.instant(),
                SigningOptions.s3()));
        HttpRequestParts request = new HttpRequestParts("PUT", "/key.txt", "", lists(headers));
        SignedRequest signed = SignedRequest.parse(request).orElseThrow();
        return world.authenticator.authenticate(signed, secret -> verifier.verify(signed, request, secret));
    }

    private static Map<String, List<String>> lists(Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return all;
    }

    @Test
    void aSignedS3RequestIsItsCallerWithThePayloadHashItSigned() {
        RequestAuthenticator.Authenticated authenticated = authenticate(world.roleSession());
        assertThat(authenticated.caller()).isInstanceOf(Caller.RoleSession.class);
        assertThat(authenticated.signature().payloadHash()).isEqualTo("UNSIGNED-PAYLOAD");
    }

    @Test
    void federatedSessionsAreAuthenticatedForS3() {
        assertThat(authenticate(world.federatedSession()).caller()).isInstanceOf(Caller.FederatedUser.class);
    }

    @Test
    void aWrongSignatureIsS3sOwnError() {
        Credentials forged = new Credentials(world.aliceKey.id().value(), world.bobKey.secret(), Optional.empty());
        assertThatThrownBy(() -> authenticate(forged)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.errorCode()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void refusedCredentialsSayWhichOfS3sAnswersApplies() {
        Credentials unknown = new Credentials(AccessKeyId.generateLongTerm(TestWorld.ACCOUNT, world.ids).value(),
                world.aliceKey.secret(), Optional.empty());
        assertThatThrownBy(() -> authenticate(unknown)).isInstanceOfSatisfying(CredentialsRejectedException.class,
                e -> assertThat(e.rejection()).isEqualTo(CredentialRejection.UNKNOWN_ACCESS_KEY));
        Credentials session = world.roleSession();
        world.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> authenticate(session)).isInstanceOfSatisfying(CredentialsRejectedException.class,
                e -> assertThat(e.rejection()).isEqualTo(CredentialRejection.EXPIRED_TOKEN));
    }
}
