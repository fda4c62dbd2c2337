package dev.lanyard.authorizeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bodies for {@code POST /authorize/v1}: the reader either gives a complete question or refuses with the
 * IllegalArgumentException the endpoint turns into AWS's error, never anything else. In {@code mvn test} only the seeds
 * run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class AuthorizeInputFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyBodySafely(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        try {
            AuthorizeInput input = AuthorizeInput.parse(body);
            assertThat(input.request().rawPath()).startsWith("/");
            assertThat(input.payloadHash()).hasSize(64);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
