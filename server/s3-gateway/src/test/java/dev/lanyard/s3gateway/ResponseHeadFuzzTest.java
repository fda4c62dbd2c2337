package dev.lanyard.s3gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Arbitrary backend bytes: reading the head and the body either succeeds or fails with an IOException, never
 * anything else, never reads past the answer's end when it says it may be reused, and tells the connection's fate
 * exactly once. The last byte chooses whether the request was a HEAD (the provider reads primitives from the end).
 * In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ResponseHeadFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyAnswerSafely(FuzzedDataProvider data) throws IOException {
        boolean answersHead = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        AtomicInteger releases = new AtomicInteger();
        boolean[] reusable = new boolean[1];
        try {
            ResponseHead head = ResponseHead.read(in, answersHead);
            assertThat(head.status()).isBetween(200, 999);
            try (BackendBodyStream body = new BackendBodyStream(in, head, fit -> {
                releases.incrementAndGet();
                reusable[0] = fit;
            })) {
                body.readAllBytes();
            }
            assertThat(releases).hasValue(1);
        } catch (IOException expected) {
            assertThat(releases.get()).isLessThanOrEqualTo(1);
        }
    }
}
