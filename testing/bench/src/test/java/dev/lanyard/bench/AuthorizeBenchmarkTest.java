package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.pipeline.HttpReply;
import org.junit.jupiter.api.Test;

class AuthorizeBenchmarkTest {
    @Test
    void everyCallIsAnAllowedDecisionNotARefusal() throws Exception {
        AuthorizeBenchmark benchmark = new AuthorizeBenchmark();
        benchmark.setUp();
        for (int i = 0; i < 3; i++) {
            HttpReply reply = benchmark.once();
            JsonNode verdict = new ObjectMapper().readTree(reply.body());
            assertThat(reply.status()).as(verdict.toString()).isEqualTo(200);
            assertThat(verdict.get("Allowed").booleanValue()).as(verdict.toString()).isTrue();
            assertThat(verdict.at("/Principal/Arn").textValue()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        }
    }
}
