package dev.lanyard.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.sigv4.internal.Crypto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The signer reproduces every file of the AWS SigV4 test suite byte for byte, for header and query signing. */
class AwsSuiteSigningTest {

    static List<SuiteCase> cases() {
        return SuiteCase.all();
    }

    @Test
    void theSuiteIsThereAndComplete() {
        assertThat(cases()).as("cases under lanyard.shared.dir").hasSizeGreaterThanOrEqualTo(38);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigning(SuiteCase c) {
        RawHttp raw = c.request();
        Map<String, String> added = c.signer()
                .signHeaders(raw.toParts(), c.region(), c.service(), c.timestamp(), c.options());

        StringBuilder text = new StringBuilder(raw.head());
        added.forEach((name, value) -> text.append(name).append(':').append(value).append('\n'));
        text.append('\n').append(new String(raw.body(), StandardCharsets.UTF_8));
        assertThat(text.toString()).as(c.id() + ": header-signed-request.txt")
                .isEqualTo(c.file("header-signed-request.txt"));

        HttpRequestParts signed = RawHttp.parse(text.toString()).toParts();
        SignedRequest parsed = SignedRequest.parse(signed).orElseThrow();
        String payloadHash = c.signBody()
                ? signed.header("x-amz-content-sha256").orElseThrow()
                : Crypto.sha256Hex(signed.body());
        String canonical = CanonicalRequest.of(signed, parsed.signedHeaders(), payloadHash, c.normalize());
        assertThat(canonical).as(c.id() + ": header-canonical-request.txt")
                .isEqualTo(c.file("header-canonical-request.txt"));
        assertThat(CanonicalRequest.stringToSign(c.timestamp(), parsed.credentialScope(), canonical))
                .as(c.id() + ": header-string-to-sign.txt")
                .isEqualTo(c.file("header-string-to-sign.txt"));
        String authorization = added.get("Authorization");
        assertThat(authorization.substring(authorization.indexOf("Signature=") + 10))
                .as(c.id() + ": header-signature.txt")
                .isEqualTo(c.file("header-signature.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void querySigning(SuiteCase c) {
        RawHttp raw = c.request();
        String query = c.signer()
                .presignQuery(raw.toParts(), c.region(), c.service(), c.timestamp(), c.expires(), c.options());

        String headerLines = raw.head().substring(raw.head().indexOf('\n') + 1);
        String text = raw.method() + " " + raw.rawPath() + "?" + query + " HTTP/1.1\n" + headerLines + "\n"
                + new String(raw.body(), StandardCharsets.UTF_8);
        assertThat(text).as(c.id() + ": query-signed-request.txt").isEqualTo(c.file("query-signed-request.txt"));

        HttpRequestParts signed = RawHttp.parse(text).toParts();
        SignedRequest parsed = SignedRequest.parse(signed).orElseThrow();
        // With omit_session_token the token joins the URL after signing, so it is not part of what was signed.
        HttpRequestParts asSigned = c.omitSessionToken()
                ? signed.withRawQuery(Mutations.removeParameter(signed.rawQuery(), "X-Amz-Security-Token"))
                : signed;
        String canonical = CanonicalRequest.of(
                asSigned, parsed.signedHeaders(), Crypto.sha256Hex(signed.body()), c.normalize());
        assertThat(canonical).as(c.id() + ": query-canonical-request.txt")
                .isEqualTo(c.file("query-canonical-request.txt"));
        assertThat(CanonicalRequest.stringToSign(c.timestamp(), parsed.credentialScope(), canonical))
                .as(c.id() + ": query-string-to-sign.txt")
                .isEqualTo(c.file("query-string-to-sign.txt"));
        assertThat(query.substring(query.indexOf("X-Amz-Signature=") + 16))
                .as(c.id() + ": query-signature.txt")
                .isEqualTo(c.file("query-signature.txt"));
    }
}
