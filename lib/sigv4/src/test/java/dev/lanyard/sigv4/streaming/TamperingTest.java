package dev.lanyard.sigv4.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.sigv4.streaming.Uploads.Spec;
import dev.lanyard.sigv4.streaming.Uploads.Upload;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an attacker or a broken network can do to a body, in every mode: each is refused, and never after the whole
 * payload was released: what a forwarding consumer received is a strict, genuine prefix of the payload.
 */
class TamperingTest {
    private static final int SIZE = 5 * 8192 + 100;

    private static Upload upload(PayloadMode mode) {
        return Uploads.upload(Spec.of(mode).withChunkSize(8192), Uploads.randomPayload(21, SIZE));
    }

    /**
     * Refused with {@code expected}, and the whole payload was never released. Where the mode verifies as it goes
     * (signed chunks), all that was released is genuine; elsewhere a tampered byte may be among it, but not the last.
     */
    private static void assertRefusedBeforeTheEnd(Reads.Outcome outcome, Upload upload, S3ErrorCode expected) {
        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(expected);
        assertThat(outcome.released().length).isLessThan(upload.payload().length);
        if (upload.payloadSpec().mode().signedChunks()) {
            assertThat(Arrays.equals(outcome.released(), Arrays.copyOf(upload.payload(), outcome.released().length)))
                    .as("released bytes are the genuine payload").isTrue();
        }
    }

    /** Where the payload byte at {@code offset} sits in the raw body (chunks of 8192 bytes). */
    private static int bodyOffset(Upload upload, int offset) {
        if (!upload.payloadSpec().mode().chunked()) {
            return offset;
        }
        String text = upload.bodyText();
        int position = 0;
        for (int chunk = 0; chunk < offset / 8192; chunk++) {
            position = text.indexOf("\r\n", position) + 2 + 8192 + 2;
        }
        return text.indexOf("\r\n", position) + 2 + offset % 8192;
    }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void aFlippedPayloadByteIsRefusedBeforeItIsReleased(PayloadMode mode) {
        Upload upload = upload(mode);
        for (int offset : List.of(0, 8191, 3 * 8192 + 5, SIZE - 1)) {
            byte[] body = upload.body().clone();
            body[bodyOffset(upload, offset)] ^= 0x01;
            Reads.Outcome outcome = Reads.drain(upload.withBody(body).open(), 4096);

            S3ErrorCode expected = switch (mode) {
                case SIGNED_PAYLOAD -> S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH;
                case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
                case STREAMING_UNSIGNED_TRAILER -> S3ErrorCode.BAD_DIGEST;
                case UNSIGNED_PAYLOAD -> null;
            };
            if (expected == null) {
                // UNSIGNED-PAYLOAD without a checksum carries nothing to check against: passed through as sent.
                assertThat(outcome.failure()).isEmpty();
                continue;
            }
            assertRefusedBeforeTheEnd(outcome, upload, expected);
            if (mode.signedChunks()) {
                // Signed chunks: not one byte of the tampered chunk was released.
                assertThat(outcome.released().length).as("offset %d", offset).isLessThanOrEqualTo(offset / 8192 * 8192);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PayloadMode.class, names = {"SIGNED_PAYLOAD", "UNSIGNED_PAYLOAD"})
    void aHeaderChecksumThatDoesNotMatchIsRefusedBeforeTheLastByte(PayloadMode mode) {
        Upload upload = Uploads.upload(Spec.of(mode).withChecksum(ChecksumAlgorithm.CRC32C),
                Uploads.randomPayload(3, SIZE));
        byte[] body = upload.body().clone();
        body[100] ^= 0x40;
        // UNSIGNED-PAYLOAD: the checksum is all there is; signed: the hash catches it first.
        Reads.Outcome outcome = Reads.drain(upload.withBody(body).open(), 65_536);

        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(
                mode == PayloadMode.SIGNED_PAYLOAD ? S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH : S3ErrorCode.BAD_DIGEST);
        assertThat(outcome.released()).hasSize(SIZE - 1);
    }

    @ParameterizedTest
    @EnumSource(value = PayloadMode.class, names = {"STREAMING_SIGNED_TRAILER", "STREAMING_UNSIGNED_TRAILER"})
    void aWrongTrailingChecksumIsRefusedBeforeTheLastByte(PayloadMode mode) {
        Upload upload = upload(mode);
        String good = Uploads.checksum(ChecksumAlgorithm.CRC32, upload.payload());
        String bad = Uploads.checksum(ChecksumAlgorithm.CRC32, new byte[] {1});
        byte[] body = Uploads.ascii(upload.bodyText().replace(good, bad));
        Reads.Outcome outcome = Reads.drain(upload.withBody(body).open(), 65_536);

        // Signed: the trailer signature no longer matches; unsigned: the checksum itself fails.
        assertRefusedBeforeTheEnd(outcome, upload, mode.signedChunks()
                ? S3ErrorCode.SIGNATURE_DOES_NOT_MATCH
                : S3ErrorCode.BAD_DIGEST);
        assertThat(outcome.released()).hasSize(SIZE - 1);
    }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void aTruncatedBodyIsRefusedWherever(PayloadMode mode) {
        Upload upload = upload(mode);
        for (int cut = 0; cut < upload.body().length; cut += 997) {
            Reads.Outcome outcome = Reads.drain(upload.withBody(Arrays.copyOf(upload.body(), cut)).open(), 4096);
            assertRefusedBeforeTheEnd(outcome, upload, S3ErrorCode.INCOMPLETE_BODY);
        }
    }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void aBodyCutJustBeforeItsLastByteIsRefused(PayloadMode mode) {
        Upload upload = upload(mode);
        for (int missing = 1; missing <= 3; missing++) {
            byte[] cut = Arrays.copyOf(upload.body(), upload.body().length - missing);
            assertRefusedBeforeTheEnd(Reads.drain(upload.withBody(cut).open(), 1), upload, S3ErrorCode.INCOMPLETE_BODY);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PayloadMode.class, names = {"STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER"})
    void swappingTwoSignedChunksBreaksTheChain(PayloadMode mode) {
        Upload upload = upload(mode);
        String text = upload.bodyText();
        int first = 0;
        int second = text.indexOf("\r\n", text.indexOf("\r\n") + 2 + 8192) + 2;
        int third = text.indexOf("\r\n", text.indexOf("\r\n", second) + 2 + 8192) + 2;
        String swapped = text.substring(second, third) + text.substring(first, second) + text.substring(third);
        Reads.Outcome outcome = Reads.drain(upload.withBody(Uploads.ascii(swapped)).open(), 4096);

        assertRefusedBeforeTheEnd(outcome, upload, S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertThat(outcome.released()).isEmpty();
    }
}
