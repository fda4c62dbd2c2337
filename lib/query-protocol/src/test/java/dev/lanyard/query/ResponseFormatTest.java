package dev.lanyard.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "text/xml, application/json;q=0.9", "*/*;application/json"})
    void jsonWhenAcceptMentionsApplicationJson(String accept) {
        assertThat(ResponseFormat.fromAcceptHeader(Optional.of(accept))).isEqualTo(ResponseFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "text/xml", "application/xml", "application/jso", "json"})
    void xmlOtherwise(String accept) {
        assertThat(ResponseFormat.fromAcceptHeader(Optional.of(accept))).isEqualTo(ResponseFormat.XML);
        assertThat(ResponseFormat.fromAcceptHeader(Optional.empty())).isEqualTo(ResponseFormat.XML);
    }
}
