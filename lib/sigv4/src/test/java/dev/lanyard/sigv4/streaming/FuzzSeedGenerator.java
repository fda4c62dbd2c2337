package dev.lanyard.sigv4.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the seeds of {@link PayloadDecoderFuzzTest} ({@code -Dlanyard.sigv4.regenerateFuzzSeeds=true}); otherwise
 * skipped. Each seed is one valid body, prefixed with the byte that selects its upload.
 */
@EnabledIfSystemProperty(named = "lanyard.sigv4.regenerateFuzzSeeds", matches = "true")
class FuzzSeedGenerator {
    private static final String[] NAMES = {"signed", "signed-trailer-crc64nvme", "unsigned-trailer-crc32",
        "unsigned-trailer-sha1-unknown-length", "signed-payload-crc32c-header"};

    static String seedName(int upload) {
        return NAMES[upload];
    }

    @Test
    void regenerate() throws IOException {
        Path seeds = Path.of(System.getProperty("lanyard.repo.dir"),
                "lib/sigv4/src/test/resources/dev/lanyard/sigv4/streaming/PayloadDecoderFuzzTestInputs/decode");
        Files.createDirectories(seeds);
        for (int i = 0; i < PayloadDecoderFuzzTest.UPLOADS.size(); i++) {
            byte[] body = PayloadDecoderFuzzTest.UPLOADS.get(i).body();
            byte[] seed = new byte[body.length + 1];
            seed[0] = (byte) i;
            System.arraycopy(body, 0, seed, 1, body.length);
            Files.write(seeds.resolve(NAMES[i]), seed);
        }
    }
}
