package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary bytes as a JSON-protocol body: only a SerializationException may escape, and what is read is an object
 * that reads back the same from its own serialization. In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class JsonProtocolInputFuzzTest {
    private final JsonProtocolInput input = new JsonProtocolInput();

    @FuzzTest(maxDuration = "60s")
    void readsOneObjectOrRefuses(byte[] body) {
        ObjectNode read;
        try {
            read = input.parse(body);
        } catch (AwsException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.SERIALIZATION_EXCEPTION);
            return;
        }
        assertThat(input.parse(read.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(read);
    }
}
