package dev.lanyard.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.S3Exception;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Arbitrary requests: the classifier and the body readers may only refuse with {@link S3Exception}, and what they
 * accept must survive forwarding: the canonical path, query and copy source the gateway sends on classify to the
 * same operation and the same authorizations. In {@code mvn test} only the seeds under test resources run;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class S3ClassifierFuzzTest {
    private static final S3Classifier CLASSIFIER = Requests.CLASSIFIER;

    /** "METHOD host target", then "name: value" lines, a blank line and the body. */
    @FuzzTest(maxDuration = "60s")
    void classifyArbitraryRequests(byte[] input) {
        String text = new String(input, UTF_8);
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : text.substring(blank + 2).getBytes(UTF_8);
        String[] lines = head.split("\n", -1);
        String[] requestLine = lines[0].split(" ", 3);
        String method = requestLine[0];
        String host = requestLine.length > 1 ? requestLine[1] : "";
        String target = requestLine.length > 2 ? requestLine[2] : "/";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon), n -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        S3Classification classification;
        try {
            classification = complete(CLASSIFIER.classify(request(method, host, target, headers), Requests.OWNERS),
                    body);
        } catch (S3Exception refused) {
            assertThat(refused.errorCode().httpStatus()).isBetween(400, 501);
            return;
        }
        checkInvariants(classification);
        assertForwardingKeepsTheMeaning(classification, method, headers, body);
    }

    /** Arbitrary DeleteObjects bodies. */
    @FuzzTest(maxDuration = "60s")
    void readArbitraryDeleteObjectsBodies(byte[] body) {
        S3Classification classification;
        try {
            classification = Requests.classify("POST", "/bkt?delete").withBody(body);
        } catch (S3Exception refused) {
            return;
        }
        RequiredAuthorizations.EachEntry each = (RequiredAuthorizations.EachEntry) classification.required();
        assertThat(each.entries()).hasSizeBetween(1, 1000);
        for (RequiredAuthorizations.EachEntry.Entry entry : each.entries()) {
            assertThat(entry.object().key()).isNotEmpty();
            assertThat(entry.object().key().getBytes(UTF_8).length).isLessThanOrEqualTo(1024);
            assertThat(entry.authorizations().getFirst().resource())
                    .isEqualTo("arn:aws:s3:::bkt/" + entry.object().key());
        }
    }

    private static S3Classification complete(S3Classification classification, byte[] body) {
        return classification.required() instanceof RequiredAuthorizations.BodyNeeded ? classification.withBody(body)
                : classification;
    }

    private static void checkInvariants(S3Classification classification) {
        for (S3Authorization authorization : S3MappingTest.authorizations(classification.required())) {
            assertThat(authorization.action()).startsWith("s3:");
            assertThat(authorization.resource()).satisfiesAnyOf(
                    resource -> assertThat(resource).isEqualTo("*"),
                    resource -> assertThat(resource).startsWith("arn:aws:s3:::"));
        }
        classification.object().ifPresent(object ->
                assertThat(object.key().getBytes(UTF_8).length).isBetween(1, 1024));
    }

    private static void assertForwardingKeepsTheMeaning(S3Classification original, String method,
            Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> forwarded = new LinkedHashMap<>(headers);
        forwarded.keySet().removeIf(name -> name.equalsIgnoreCase("x-amz-copy-source"));
        original.backendCopySource().ifPresent(source -> forwarded.put("x-amz-copy-source", List.of(source)));
        String query = original.backendQuery();
        S3Classification again = complete(CLASSIFIER.classify(request(method, Requests.BASE_DOMAIN,
                original.backendPath() + (query.isEmpty() ? "" : "?" + query), forwarded), Requests.OWNERS), body);

        assertThat(again.operation()).isEqualTo(original.operation());
        assertThat(again.object()).isEqualTo(original.object());
        assertThat(again.copySource()).isEqualTo(original.copySource());
        assertThat(S3MappingTest.rendered(again.required())).isEqualTo(S3MappingTest.rendered(original.required()));
    }

    private static S3Request request(String method, String host, String target, Map<String, List<String>> headers) {
        int question = target.indexOf('?');
        return new S3Request(method, host, question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), headers,
                RequestSignature.header(Requests.UNSIGNED), Optional.of("1.3"));
    }
}
