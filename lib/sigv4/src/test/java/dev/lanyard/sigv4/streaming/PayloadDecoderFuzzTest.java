package dev.lanyard.sigv4.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.sigv4.streaming.Uploads.Spec;
import dev.lanyard.sigv4.streaming.Uploads.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes as the raw body of a verified upload: the first byte picks the upload (mode) and how it is read, the
 * rest is the body. The decoder may only fail with {@link PayloadVerificationException}; what it accepts has the
 * declared length, and in the signed modes is exactly the payload that was signed. Seeds (test resources, written by
 * {@link FuzzSeedGenerator}) are the valid bodies. In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PayloadDecoderFuzzTest {
    /** Two chunks (8 KiB and a bit), small enough to fuzz quickly. */
    static final byte[] PAYLOAD = Uploads.randomPayload(77, 8192 + 50);
    static final List<Upload> UPLOADS = List.of(
            Uploads.upload(Spec.of(PayloadMode.STREAMING_SIGNED).withChunkSize(8192), PAYLOAD),
            Uploads.upload(Spec.of(PayloadMode.STREAMING_SIGNED_TRAILER).withChunkSize(8192)
                    .withChecksum(ChecksumAlgorithm.CRC64NVME), PAYLOAD),
            Uploads.upload(Spec.of(PayloadMode.STREAMING_UNSIGNED_TRAILER).withChunkSize(8192), PAYLOAD),
            Uploads.upload(Spec.of(PayloadMode.STREAMING_UNSIGNED_TRAILER).withChunkSize(8192)
                    .withChecksum(ChecksumAlgorithm.SHA1).withoutDeclaredLength(), PAYLOAD),
            Uploads.upload(Spec.of(PayloadMode.SIGNED_PAYLOAD).withChecksum(ChecksumAlgorithm.CRC32C), PAYLOAD));
    private static final List<S3Payload> SPECS = UPLOADS.stream().map(Upload::payloadSpec).toList();
    private static final int[] READ_SIZES = {1, 7, 4096, 65_536};

    /** Guards the seeds: after a change to the fixtures they must be regenerated, or fuzzing starts from rejects. */
    @Test
    void seedsStillDecode() throws IOException {
        for (int i = 0; i < UPLOADS.size(); i++) {
            try (InputStream seed = getClass().getResourceAsStream("PayloadDecoderFuzzTestInputs/decode/"
                    + FuzzSeedGenerator.seedName(i))) {
                byte[] input = seed.readAllBytes();
                assertThat(input[0]).isEqualTo((byte) i);
                try (PayloadInputStream in = SPECS.get(i).open(
                        new ByteArrayInputStream(input, 1, input.length - 1))) {
                    assertThat(in.readAllBytes()).as("seed %d", i).isEqualTo(PAYLOAD);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int choice = input[0] & 0xff;
        S3Payload spec = SPECS.get(choice % SPECS.size());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        Reads.Outcome outcome = Reads.drain(spec.open(new ByteArrayInputStream(body)),
                READ_SIZES[(choice / SPECS.size()) % READ_SIZES.length]);
        if (outcome.failure().isPresent()) {
            if (!(outcome.failure().get() instanceof PayloadVerificationException)) {
                throw outcome.failure().get();
            }
            // Refused before the end: never the whole declared payload.
            spec.decodedContentLength().ifPresent(length ->
                    assertThat((long) outcome.released().length).isLessThan(length));
            return;
        }
        spec.decodedContentLength().ifPresent(length -> assertThat(outcome.released()).hasSize((int) length));
        if (spec.mode().signedChunks() || spec.mode() == PayloadMode.SIGNED_PAYLOAD) {
            assertThat(outcome.released()).isEqualTo(PAYLOAD);
        }
    }
}
