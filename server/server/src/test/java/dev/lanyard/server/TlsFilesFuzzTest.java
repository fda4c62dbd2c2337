package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Arbitrary certificate and key files (the operator's {@code --tls-certificate} and {@code --tls-key}, the input split
 * at its first zero byte): reading them either gives an identity whose key belongs to its first certificate or refuses
 * with the IllegalArgumentException that {@code serve} and the reload turn into a message, never anything else. In
 * {@code mvn test} only the seeds run (certificates with cut keys: no private key is kept in the tree);
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class TlsFilesFuzzTest {
    private static final TlsFiles FILES = new TlsFiles(Path.of("server.crt"), Path.of("server.key"));

    @FuzzTest(maxDuration = "60s")
    void readsAnyPemSafely(byte[] input) {
        int split = 0;
        while (split < input.length && input[split] != 0) {
            split++;
        }
        byte[] certificate = Arrays.copyOfRange(input, 0, split);
        byte[] key = Arrays.copyOfRange(input, Math.min(split + 1, input.length), input.length);
        try {
            TlsFiles.Identity identity = FILES.parse(certificate, key);
            assertThat(identity.chain()).isNotEmpty();
            assertThat(identity.keyBytes()).isEqualTo(key);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
