package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentEncodingTest {

    @Test
    void encodesLikeIam() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        assertThat(PolicyDocumentEncoding.encode(policy)).isEqualTo(
                "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
                        + "%22Action%22%3A%22s3%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D");
    }

    @Test
    void spacesPlusAndUnreserved() {
        assertThat(PolicyDocumentEncoding.encode("a b+c-_.~\n")).isEqualTo("a%20b%2Bc-_.~%0A");
        assertThat(PolicyDocumentEncoding.encode("é€😀")).isEqualTo("%C3%A9%E2%82%AC%F0%9F%98%80");
        assertThat(PolicyDocumentEncoding.encode("\uD800")).isEqualTo("%EF%BF%BD");
        assertThat(PolicyDocumentEncoding.encode("")).isEmpty();
    }

    @Test
    void decodeKeepsPlusAndAcceptsEitherHexCase() {
        assertThat(PolicyDocumentEncoding.decode("a+b%2b%2Bc%c3%a9")).isEqualTo("a+b++cé");
        assertThat(PolicyDocumentEncoding.decode("plain")).isEqualTo("plain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%2", "%G0", "a%2", "%C0%AF", "%ED%A0%80", "%E2%82", "%FF"})
    void decodeRejectsMalformedInput(String encoded) {
        assertThatThrownBy(() -> PolicyDocumentEncoding.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundTripsAndAgreesWithTheJdkDecoder(long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(60); i > 0; i--) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : 0x20 + random.nextInt(0x60);
            if (cp < 0xD800 || cp > 0xDFFF) {
                sb.appendCodePoint(cp);
            }
        }
        String text = sb.toString();
        String encoded = PolicyDocumentEncoding.encode(text);
        assertThat(encoded).matches("[A-Za-z0-9\\-_.~%]*");
        assertThat(PolicyDocumentEncoding.decode(encoded)).isEqualTo(text);
        // What Java SDK users do with these documents.
        assertThat(URLDecoder.decode(encoded, UTF_8)).isEqualTo(text);
    }
}
