package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A JSON-protocol body is one UTF-8 JSON object, with no key given twice and nothing after it. */
class JsonProtocolInputTest {
    private final JsonProtocolInput input = new JsonProtocolInput();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", " {\"AccountId\":\"111122223333\"} \n", "{\"A\":{\"B\":[1,{\"B\":2}]}}"})
    void oneObjectIsRead(String body) {
        assertThat(input.parse(utf8(body)).isObject()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Email\":\"a@x\",\"Email\":\"b@x\"}|Duplicate field 'Email'",
        "{\"A\":{\"B\":1,\"B\":2}}|Duplicate field 'B'",
        "{\"A\":1}{\"A\":2}|must hold one JSON object and nothing after it",
        "{\"A\":1} trailing|must hold one JSON object and nothing after it",
        "{\"A\":1},|must hold one JSON object and nothing after it",
        "[{\"A\":1}]|must be a JSON object",
        "\"text\"|must be a JSON object",
        "'   '|must be a JSON object",
        "{\"A\":|not valid JSON",
        "{A:1}|not valid JSON"
    })
    void anythingElseIsASerializationException(String body, String reason) {
        assertThatThrownBy(() -> input.parse(utf8(body)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SERIALIZATION_EXCEPTION);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(400);
                })
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c328", "feff007b007d", "fffe7b007d00"})
    void onlyUtf8(String hex) {
        assertThatThrownBy(() -> input.parse(java.util.HexFormat.of().parseHex(hex)))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERIALIZATION_EXCEPTION));
    }
}
