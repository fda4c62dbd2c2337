package dev.lanyard.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.SecretAccessKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every *-signed-request.txt of the AWS suite verifies at the case's timestamp, and stops verifying when any signed
 * part changes (each signed header, the method, the path, the query, the body, the date) or the secret is wrong.
 */
class AwsSuiteVerificationTest {

    record SignedFile(SuiteCase suiteCase, String kind) {
        boolean presigned() {
            return kind.equals("query");
        }

        HttpRequestParts request() {
            return RawHttp.parse(suiteCase.file(kind + "-signed-request.txt")).toParts();
        }

        String id() {
            return suiteCase.id() + "/" + kind;
        }

        @Override
        public String toString() {
            return id();
        }
    }

    static Stream<SignedFile> signedFiles() {
        return SuiteCase.all().stream()
                .flatMap(c -> Stream.of(new SignedFile(c, "header"), new SignedFile(c, "query")));
    }

    private static SigV4Verifier verifier(SuiteCase c) {
        return new SigV4Verifier(InstantSource.fixed(c.timestamp()), Duration.ofMinutes(15), new SigningKeys(16),
                c.normalize());
    }

    private static VerifiedSignature verify(SuiteCase c, HttpRequestParts request, SecretAccessKey secret) {
        SignedRequest signed = SignedRequest.parse(request).orElseThrow(() -> new AssertionError("no signature"));
        return verifier(c).verify(signed, request, secret);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedFiles")
    void verifiesAtTheCaseTimestamp(SignedFile file) {
        SuiteCase c = file.suiteCase();
        VerifiedSignature verified = verify(c, file.request(), c.secret());

        SignedRequest signed = verified.request();
        assertThat(signed.accessKeyId()).as(file.id()).isEqualTo(c.accessKeyId());
        assertThat(signed.region()).as(file.id()).isEqualTo(c.region());
        assertThat(signed.service()).as(file.id()).isEqualTo(c.service());
        assertThat(signed.requestTime()).as(file.id()).isEqualTo(c.timestamp());
        assertThat(signed.presigned()).as(file.id()).isEqualTo(file.presigned());
        assertThat(signed.securityToken()).as(file.id()).isEqualTo(c.token());
        assertThat(signed.expires()).as(file.id())
                .isEqualTo(file.presigned() ? Optional.of(c.expires()) : Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedFiles")
    void rejectsAnyChangeToASignedPart(SignedFile file) {
        SuiteCase c = file.suiteCase();
        HttpRequestParts request = file.request();
        Map<String, HttpRequestParts> mutations = mutations(file, request);
        assertThat(mutations).as(file.id()).hasSizeGreaterThanOrEqualTo(6);
        mutations.forEach((what, mutated) -> assertThatThrownBy(() -> verify(c, mutated, c.secret()))
                .as(file.id() + ": " + what)
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).as(file.id() + ": " + what)
                                .isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedFiles")
    void rejectsAWrongSecret(SignedFile file) {
        SuiteCase c = file.suiteCase();
        SecretAccessKey wrong = SecretAccessKey.of(c.secret().reveal().replace('w', 'W'));
        assertThatThrownBy(() -> verify(c, file.request(), wrong))
                .as(file.id())
                .isInstanceOf(AwsException.class)
                .hasMessage("The request signature we calculated does not match the signature you provided. Check"
                        + " your AWS Secret Access Key and signing method. Consult the service documentation for"
                        + " details.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedFiles")
    void anUnsignedSessionTokenIsNotCoveredBySignature(SignedFile file) {
        SuiteCase c = file.suiteCase();
        if (!c.omitSessionToken()) {
            return;
        }
        HttpRequestParts request = file.request();
        HttpRequestParts changed = file.presigned()
                ? Mutations.withParameter(request, "X-Amz-Security-Token", v -> "other")
                : Mutations.withHeaderValue(request, "X-Amz-Security-Token", v -> "other");
        assertThat(verify(c, changed, c.secret()).request().securityToken()).as(file.id()).contains("other");
    }

    private static Map<String, HttpRequestParts> mutations(SignedFile file, HttpRequestParts request) {
        Map<String, HttpRequestParts> out = new LinkedHashMap<>();
        SignedRequest signed = SignedRequest.parse(request).orElseThrow();
        for (String header : signed.signedHeaders()) {
            out.put("header " + header, header.equals("x-amz-date")
                    ? Mutations.withHeaderValue(request, header, Mutations::oneSecondLater)
                    : Mutations.withHeaderValue(request, header, v -> v + "x"));
        }
        out.put("method", Mutations.withMethod(request, request.method().equals("GET") ? "POST" : "GET"));
        out.put("path", Mutations.withPath(request, request.rawPath() + "x"));
        out.put("body", Mutations.withBody(request, "x".getBytes(StandardCharsets.UTF_8)));
        out.put("added query parameter", request.withRawQuery(
                request.rawQuery().isEmpty() ? "extra=1" : request.rawQuery() + "&extra=1"));
        Mutations.firstPlainParameterName(request.rawQuery()).ifPresent(first -> out.put(
                "query value " + first, Mutations.withParameter(request, first, v -> v + "x")));
        if (file.presigned()) {
            out.put("X-Amz-Date", Mutations.withParameter(request, "X-Amz-Date", Mutations::oneSecondLater));
            out.put("X-Amz-Expires", Mutations.withParameter(request, "X-Amz-Expires", v -> "3601"));
            out.put("X-Amz-SignedHeaders", Mutations.withParameter(
                    request, "X-Amz-SignedHeaders", v -> v.replace("host", "host%3Bx-extra")));
            if (!file.suiteCase().omitSessionToken() && file.suiteCase().token().isPresent()) {
                out.put("X-Amz-Security-Token",
                        Mutations.withParameter(request, "X-Amz-Security-Token", v -> v + "x"));
            }
        }
        return out;
    }
}
