package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which bytes of a request may carry meaning, decided from its (parsed) signature alone. */
class SignedContentTest {
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261123/us-east-1/"
            + "iam/aws4_request, SignedHeaders=%s, Signature=" + "0".repeat(64);
    private static final String PRESIGNED = "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
            + "&X-Amz-Date=20261123T190005Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00";

    private static HttpExchange exchange(String query, Map<String, String> headers, String body) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of("iam.example.test"));
        all.put("X-Amz-Date", List.of("20261123T190005Z"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new HttpExchange("POST", "/", query, all, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }

    private static SignedContent content(HttpExchange exchange) {
        return SignedContent.of(exchange, SignedRequest.parse(exchange.parts()));
    }

    private static String form(SignedContent content) {
        return new String(content.formBody(), StandardCharsets.UTF_8);
    }

    @Test
    void aPresignedRequestTakesItsQueryAndNoBody() {
        SignedContent content = content(exchange(PRESIGNED, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                ""));
        assertThat(content.rawQuery()).isEqualTo(PRESIGNED);
        assertThat(form(content)).isEmpty();
        assertThatThrownBy(() -> content(exchange(PRESIGNED, Map.of(), "UserName=victim")))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_COMBINATION));
    }

    @Test
    void aSignedContentTypeDecidesWhetherTheBodyIsAForm() {
        String signed = AUTHORIZATION.formatted("content-type;host;x-amz-date");
        assertThat(form(content(exchange("", Map.of("Authorization", signed,
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), "UserName=bob"))))
                .isEqualTo("UserName=bob");
        assertThat(form(content(exchange("", Map.of("Authorization", signed, "Content-Type", "application/json"),
                "UserName=bob")))).isEmpty();
    }

    @Test
    void anUnsignedContentTypeCannotDropASignedBody() {
        String unsigned = AUTHORIZATION.formatted("host;x-amz-date");
        for (String type : List.of("text/plain", "application/json", "")) {
            assertThat(form(content(exchange("", Map.of("Authorization", unsigned, "Content-Type", type),
                    "UserName=bob")))).as(type).isEqualTo("UserName=bob");
        }
        assertThat(form(content(exchange("", Map.of("Authorization", unsigned), "UserName=bob"))))
                .isEqualTo("UserName=bob");
    }

    @Test
    void theTargetCountsOnlyWhenSigned() {
        String target = "AWSOrganizationsV20161128.ListAccounts";
        assertThat(content(exchange("", Map.of("Authorization", AUTHORIZATION.formatted("host;x-amz-date;x-amz-target"),
                "X-Amz-Target", target), "{}")).target()).contains(target);
        assertThatThrownBy(() -> content(exchange("", Map.of("Authorization",
                AUTHORIZATION.formatted("host;x-amz-date"), "X-Amz-Target", target), "{}")))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE))
                .hasMessage("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
        assertThat(content(exchange(PRESIGNED, Map.of(), "")).target()).isEmpty();
    }

    /** Nothing is signed, so nothing is left out: only the two federation calls accept such a request. */
    @Test
    void anUnsignedRequestSaysWhatAllItsBytesSay() {
        HttpExchange unsigned = exchange("Action=AssumeRoleWithWebIdentity", Map.of("Content-Type", "text/plain",
                "X-Amz-Target", "T"), "WebIdentityToken=t");
        assertThat(SignedRequest.parse(unsigned.parts())).isEmpty();
        SignedContent content = SignedContent.of(unsigned, Optional.empty());
        assertThat(content.target()).contains("T");
        assertThat(form(content)).isEmpty();
        assertThat(form(SignedContent.of(exchange("", Map.of(), "WebIdentityToken=t"), Optional.empty())))
                .isEqualTo("WebIdentityToken=t");
    }
}
