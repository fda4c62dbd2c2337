package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base32Test {
    @Test
    void rfc4648Vectors() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Base32.decode("MZXW6YTBOI")).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("foobar"));
        assertThat(Base32.decode("mzxw")).isEmpty();
    }

    @Test
    void decodeOfEncodeIsIdentityForWholeGroups() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            byte[] data = new byte[5 * random.nextInt(8)];
            random.nextBytes(data);
            assertThat(Base32.decode(Base32.encode(data))).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
        }
    }

    @Test
    void secretsNeverPrint() {
        SecretAccessKey secret = SecretAccessKey.generate(new SplittableRandom(1));
        assertThat(secret.toString()).isEqualTo("[REDACTED]");
        assertThat(secret.reveal()).matches("[A-Za-z0-9+/]{40}");
        assertThat(SecretAccessKey.generate(new SplittableRandom(2)).reveal()).isNotEqualTo(secret.reveal());
        assertThat(secret).isEqualTo(SecretAccessKey.of(secret.reveal()));
    }
}
