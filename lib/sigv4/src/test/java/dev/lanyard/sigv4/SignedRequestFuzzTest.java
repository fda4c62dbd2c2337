package dev.lanyard.sigv4;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.SecretAccessKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Arbitrary bytes read as HTTP request text: {@link SignedRequest#parse} and {@link SigV4Verifier#verify} may only
 * fail with {@link AwsException}. Seeds (test resources) are signed requests of the AWS suite and malformed variants.
 * In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SignedRequestFuzzTest {
    private static final SecretAccessKey SECRET = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private final SigV4Verifier verifier =
            new SigV4Verifier(InstantSource.fixed(Instant.parse("2015-08-30T12:36:00Z")));

    @FuzzTest(maxDuration = "60s")
    void parseAndVerify(byte[] input) {
        HttpRequestParts request = lenientRequest(new String(input, StandardCharsets.UTF_8), input);
        Optional<SignedRequest> signed;
        try {
            signed = SignedRequest.parse(request);
        } catch (AwsException expected) {
            return;
        }
        if (signed.isPresent()) {
            signed.get().toString();
            try {
                verifier.verify(signed.get(), request, SECRET);
            } catch (AwsException expected) {
                // a wrong or malformed signature
            }
        }
    }

    /** Never fails: the harness must not be what throws. Request line, "Name:value" lines, blank line, body. */
    private static HttpRequestParts lenientRequest(String text, byte[] raw) {
        String[] lines = text.split("\n", -1);
        String[] requestLine = lines[0].split(" ", 3);
        String method = requestLine[0];
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        int q = target.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1));
            }
        }
        byte[] body = i + 1 < lines.length
                ? String.join("\n", List.of(lines).subList(i + 1, lines.length)).getBytes(StandardCharsets.UTF_8)
                : new byte[raw.length % 3];
        return new HttpRequestParts(method, q < 0 ? target : target.substring(0, q),
                q < 0 ? "" : target.substring(q + 1), headers, body);
    }
}
