package dev.lanyard.saml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base64InputTest {
    /** Seeded random byte strings, encoded plain and line-wrapped, decode back to themselves. */
    static Stream<byte[]> randomDocuments() {
        SplittableRandom random = new SplittableRandom(20260301L);
        return IntStream.range(0, 50).mapToObj(i -> {
            byte[] bytes = new byte[1 + random.nextInt(3000)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) random.nextInt(256);
            }
            return bytes;
        });
    }

    @ParameterizedTest
    @MethodSource("randomDocuments")
    void roundTrips(byte[] document) {
        assertThat(Base64Input.decode(Base64.getEncoder().encodeToString(document), 4096, "size")).isEqualTo(document);
        assertThat(Base64Input.decode(Base64.getMimeEncoder().encodeToString(document), 4096, "size"))
                .isEqualTo(document);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "A", "AB=C", "ü", "PD94*bWw=", "PD94bWw=PD94"})
    void refusesWhatIsNotBase64(String text) {
        assertThatThrownBy(() -> Base64Input.decode(text, 4096, "size")).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.clientMessage()).isEqualTo("Response is not valid base64"));
    }

    @ParameterizedTest
    @ValueSource(ints = {4097, 5000, 1 << 20})
    void refusesOversizedInputBeforeDecoding(int size) {
        String text = Base64.getEncoder().encodeToString("x".repeat(size).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Base64Input.decode(text, 4096, "size")).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.clientMessage()).isEqualTo("Response is too large"));
    }
}
