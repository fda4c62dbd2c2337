package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.sigv4.streaming.PayloadMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every upload the S3 payload benchmark decodes must decode and verify: timing a refusal would measure nothing. */
class S3PayloadBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"UNSIGNED_PAYLOAD", "SIGNED_PAYLOAD", "STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER+CRC32",
        "STREAMING_UNSIGNED_TRAILER+CRC32", "STREAMING_UNSIGNED_TRAILER+CRC32C",
        "STREAMING_UNSIGNED_TRAILER+CRC64NVME", "STREAMING_UNSIGNED_TRAILER+SHA1",
        "STREAMING_UNSIGNED_TRAILER+SHA256"})
    void everyUploadDecodesToItsPayload(String upload) throws Exception {
        S3PayloadBenchmark benchmark = new S3PayloadBenchmark();
        benchmark.upload = upload;
        benchmark.setUp();

        assertThat(benchmark.decode()).isEqualTo(S3PayloadBenchmark.PAYLOAD_BYTES);
        S3Uploads.Prepared prepared = S3Uploads.prepare(upload, 300_000);
        try (var in = prepared.spec().open(new ByteArrayInputStream(prepared.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(prepared.payload());
            assertThat(in.verifiedChecksum().isPresent()).isEqualTo(upload.contains("+"));
        }
        assertThat(prepared.spec().mode()).isEqualTo(PayloadMode.valueOf(upload.split("\\+")[0]));
    }

    @Test
    void theChunkedBodiesUseTheJavaSdksChunkSize() throws IOException {
        S3Uploads.Prepared prepared = S3Uploads.prepare("STREAMING_SIGNED", 300_000);
        assertThat(new String(prepared.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("20000;");
    }

    @Test
    void theSha256FloorHashesThePayload() throws Exception {
        S3PayloadBenchmark benchmark = new S3PayloadBenchmark();
        benchmark.upload = "SIGNED_PAYLOAD";
        benchmark.setUp();

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(S3Uploads.prepare("SIGNED_PAYLOAD",
                S3PayloadBenchmark.PAYLOAD_BYTES).payload());
        assertThat(benchmark.sha256Floor()).isEqualTo(expected);
    }
}
