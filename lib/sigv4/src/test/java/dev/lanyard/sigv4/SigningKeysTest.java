package dev.lanyard.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.internal.Crypto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    private static final SecretAccessKey EXAMPLE = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    @Test
    void derivesTheKeyFromAwsDocumentation() {
        // "Deriving a signing key" example of the AWS General Reference (20150830, us-east-1, iam).
        assertThat(Crypto.hex(new SigningKeys(8).signingKey(EXAMPLE, "20150830", "us-east-1", "iam")))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void cachesPerSecretDateRegionAndService() {
        SigningKeys keys = new SigningKeys(100);
        byte[] first = keys.signingKey(EXAMPLE, "20150830", "us-east-1", "sts");
        assertThat(keys.signingKey(EXAMPLE, "20150830", "us-east-1", "sts")).isEqualTo(first);
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.signingKey(EXAMPLE, "20150831", "us-east-1", "sts")).isNotEqualTo(first);
        assertThat(keys.signingKey(EXAMPLE, "20150830", "eu-west-1", "sts")).isNotEqualTo(first);
        assertThat(keys.signingKey(EXAMPLE, "20150830", "us-east-1", "iam")).isNotEqualTo(first);
        assertThat(keys.signingKey(SecretAccessKey.of("other"), "20150830", "us-east-1", "sts")).isNotEqualTo(first);
        assertThat(keys.size()).isEqualTo(5);
    }

    @Test
    void handsOutCopies() {
        SigningKeys keys = new SigningKeys(4);
        byte[] key = keys.signingKey(EXAMPLE, "20150830", "us-east-1", "sts");
        key[0] ^= 1;
        assertThat(keys.signingKey(EXAMPLE, "20150830", "us-east-1", "sts")).isNotEqualTo(key);
    }

    @Test
    void staysBounded() {
        SigningKeys keys = new SigningKeys(10);
        for (int i = 0; i < 1000; i++) {
            keys.signingKey(EXAMPLE, "20150830", "region-" + i, "sts");
            assertThat(keys.size()).isLessThanOrEqualTo(10);
        }
        assertThat(keys.signingKey(EXAMPLE, "20150830", "region-3", "sts"))
                .isEqualTo(new SigningKeys(1).signingKey(EXAMPLE, "20150830", "region-3", "sts"));
    }

    @Test
    void isSafeUnderConcurrency() throws Exception {
        SigningKeys keys = new SigningKeys(8);
        byte[] expected = new SigningKeys(1).signingKey(EXAMPLE, "20150830", "region-1", "sts");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String region = "region-" + (i % 20);
                results.add(pool.submit(() -> {
                    keys.signingKey(EXAMPLE, "20150830", region, "sts");
                    return keys.signingKey(EXAMPLE, "20150830", "region-1", "sts");
                }));
            }
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
        assertThat(keys.size()).isLessThanOrEqualTo(8 + 8);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new SigningKeys(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
