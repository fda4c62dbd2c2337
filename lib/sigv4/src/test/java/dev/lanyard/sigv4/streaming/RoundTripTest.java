package dev.lanyard.sigv4.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.sigv4.streaming.Uploads.Spec;
import dev.lanyard.sigv4.streaming.Uploads.Upload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mode and checksum decodes back to the payload, however the raw body arrives and however it is read. */
class RoundTripTest {

    static Stream<Arguments> modesAndChecksums() {
        List<Arguments> cases = new ArrayList<>();
        for (PayloadMode mode : PayloadMode.values()) {
            cases.add(Arguments.of(mode, Optional.empty()));
            for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
                cases.add(Arguments.of(mode, Optional.of(algorithm)));
            }
        }
        return cases.stream().filter(c -> !((PayloadMode) c.get()[0]).trailer() || ((Optional<?>) c.get()[1])
                .isPresent());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndChecksums")
    void decodesToThePayloadAndVerifiesTheChecksum(PayloadMode mode, Optional<ChecksumAlgorithm> checksum)
            throws IOException {
        byte[] payload = Uploads.randomPayload(mode.ordinal(), 200_000);
        Spec spec = checksum.map(a -> Spec.of(mode).withChecksum(a)).orElse(Spec.of(mode));
        Upload upload = Uploads.upload(spec, payload);
        assertThat(upload.payloadSpec().mode()).isEqualTo(mode);
        assertThat(upload.payloadSpec().decodedContentLength()).hasValue(payload.length);

        try (PayloadInputStream in = upload.open()) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
            assertThat(in.verified()).isTrue();
            assertThat(in.verifiedChecksum()).isEqualTo(
                    checksum.map(a -> new Checksum(a, Uploads.checksum(a, payload))));
        }
    }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void anyReadPatternAndAnyArrivalPatternGiveTheSameBytes(PayloadMode mode) throws IOException {
        SplittableRandom random = new SplittableRandom(13 + mode.ordinal());
        for (int round = 0; round < 20; round++) {
            byte[] payload = Uploads.randomPayload(round, random.nextInt(0, 70_000));
            Upload upload = Uploads.upload(Spec.of(mode).withChunkSize(random.nextInt(8192, 30_000)), payload);
            int piece = random.nextInt(1, 5000);
            int readSize = random.nextInt(1, 70_000);
            try (PayloadInputStream in = upload.payloadSpec().open(Reads.trickle(upload.body(), piece))) {
                Reads.Outcome outcome = Reads.drain(in, readSize);
                assertThat(outcome.failure()).as("round %d", round).isEmpty();
                assertThat(outcome.released()).as("round %d", round).isEqualTo(payload);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void singleByteReadsGiveTheSameBytes(PayloadMode mode) {
        byte[] payload = Uploads.randomPayload(5, 20_000);
        Upload upload = Uploads.upload(Spec.of(mode).withChunkSize(8192), payload);

        Reads.Outcome outcome = Reads.drainBytewise(upload.open());
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.released()).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void anEmptyPayloadDecodes(PayloadMode mode) throws IOException {
        Upload upload = Uploads.upload(Spec.of(mode), new byte[0]);
        try (PayloadInputStream in = upload.open()) {
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.verified()).isTrue();
        }
    }

    @Test
    void anUnsignedTrailerBodyOfUnknownLengthDecodes() throws IOException {
        byte[] payload = Uploads.randomPayload(8, 100_000);
        Upload upload = Uploads.upload(Spec.of(PayloadMode.STREAMING_UNSIGNED_TRAILER).withoutDeclaredLength(),
                payload);
        assertThat(upload.payloadSpec().decodedContentLength()).isEmpty();
        try (PayloadInputStream in = upload.open()) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }

    @Test
    void signedChunksUpToTheCapDecodeAndTheBufferFollowsTheChunks() throws IOException {
        byte[] payload = Uploads.randomPayload(9, 3 * 1024 * 1024 + 7);
        Upload upload = Uploads.upload(Spec.of(PayloadMode.STREAMING_SIGNED).withChunkSize(1024 * 1024), payload);
        try (PayloadInputStream in = S3Payload.of(upload.verify(), upload.headers(), HeaderChecksums.OF_BODY,
                1024 * 1024).open(new java.io.ByteArrayInputStream(upload.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }
}
