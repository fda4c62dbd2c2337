package dev.lanyard.sigv4.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.sigv4.streaming.Uploads.Spec;
import dev.lanyard.sigv4.streaming.Uploads.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The aws-chunked grammar, strictly: chunk sizes, CRLFs, the 8 KiB floor, the signed-chunk cap, the declared length,
 * the trailer and what may follow it. Each break gets S3's error and is refused before the payload's last byte.
 */
class FramingTest {
    private static final String DATA = "x".repeat(8192 + 100);
    private static final String CRC = Uploads.checksum(ChecksumAlgorithm.CRC32, Uploads.ascii(DATA));

    /** STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer: the body can be edited freely as text. */
    private static final Upload UNSIGNED = Uploads.upload(
            Spec.of(PayloadMode.STREAMING_UNSIGNED_TRAILER).withChunkSize(8192), Uploads.ascii(DATA));
    private static final Upload SIGNED = Uploads.upload(
            Spec.of(PayloadMode.STREAMING_SIGNED).withChunkSize(8192), Uploads.ascii(DATA));

    private static String wellFormed() {
        return "2000\r\n" + DATA.substring(0, 8192) + "\r\n64\r\n" + DATA.substring(8192) + "\r\n0\r\n"
                + "x-amz-checksum-crc32:" + CRC + "\r\n\r\n";
    }

    private static Reads.Outcome decode(Upload upload, String body) {
        return Reads.drain(upload.withBody(Uploads.ascii(body)).open(), 4096);
    }

    private static void assertRefused(Reads.Outcome outcome, S3ErrorCode code) {
        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(code);
        assertThat(outcome.released().length).isLessThan(DATA.length());
    }

    @Test
    void theWellFormedBodyDecodes() {
        Reads.Outcome outcome = decode(UNSIGNED, wellFormed());
        assertThat(outcome.failure()).isEmpty();
        assertThat(new String(outcome.released(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(DATA);
        assertThat(UNSIGNED.bodyText()).isEqualTo(wellFormed());
    }

    @Test
    void hexSizesMayBeUpperCaseOrZeroPadded() {
        String data = "x".repeat(8192 + 0xAB);
        Upload upload = Uploads.upload(Spec.of(PayloadMode.STREAMING_UNSIGNED_TRAILER).withChunkSize(8192),
                Uploads.ascii(data));
        String text = upload.bodyText();
        assertThat(text).contains("\r\nab\r\n");
        for (String size : List.of("AB", "0ab", "00000000000000AB")) {
            Reads.Outcome outcome = decode(upload, text.replace("\r\nab\r\n", "\r\n" + size + "\r\n"));
            assertThat(outcome.failure()).as(size).isEmpty();
            assertThat(outcome.released()).hasSize(data.length());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a size that is not hex             | 2000\\r\\n                         | 20g0\\r\\n
            an empty size                      | 2000\\r\\n                         | \\r\\n
            a size with a sign                 | 2000\\r\\n                         | +2000\\r\\n
            a chunk extension when unsigned    | 2000\\r\\n                         | 2000;ext=1\\r\\n
            a bare LF after the size           | 2000\\r\\n                         | 2000\\n
            seventeen hex digits               | 2000\\r\\n                         | 00000000000002000\\r\\n
            data not followed by CRLF          | \\r\\n64\\r\\n                      | \\n\\r64\\r\\n
            a chunk shorter than its size      | 2000\\r\\n                         | 2001\\r\\n
            no final CRLF after the trailer    | ==\\r\\n\\r\\n                       | ==\\r\\n
            bytes after the end                | ==\\r\\n\\r\\n                       | ==\\r\\n\\r\\nx
            a second body after the end        | ==\\r\\n\\r\\n                       | ==\\r\\n\\r\\n0\\r\\n\\r\\n
            """)
    void malformedFramingIsAnIncompleteBody(String name, String from, String to) {
        String body = wellFormed().replaceFirst(java.util.regex.Pattern.quote(unescape(from)),
                java.util.regex.Matcher.quoteReplacement(unescape(to)));
        assertThat(body).isNotEqualTo(wellFormed());
        assertRefused(decode(UNSIGNED, body), S3ErrorCode.INCOMPLETE_BODY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another checksum than declared  | x-amz-checksum-crc32:    | x-amz-checksum-crc32c:
            a second trailer line           | \\r\\n\\r\\n              | \\r\\nx-amz-meta-a:b\\r\\n\\r\\n
            no colon                        | x-amz-checksum-crc32:    | x-amz-checksum-crc32
            an unsigned trailer signed      | \\r\\n\\r\\n              | \\r\\nx-amz-trailer-signature:00\\r\\n\\r\\n
            a bare LF in the trailer        | \\r\\n\\r\\n              | \\n\\r\\n
            """)
    void aMalformedTrailerIsAMalformedTrailerError(String name, String from, String to) {
        int trailer = wellFormed().indexOf("\r\n0\r\n") + 5;
        String body = wellFormed().substring(0, trailer) + wellFormed().substring(trailer)
                .replaceFirst(java.util.regex.Pattern.quote(unescape(from)),
                        java.util.regex.Matcher.quoteReplacement(unescape(to)));
        assertThat(body).isNotEqualTo(wellFormed());
        assertRefused(decode(UNSIGNED, body), S3ErrorCode.MALFORMED_TRAILER_ERROR);
    }

    @Test
    void aMissingTrailerIsAMalformedTrailerError() {
        String body = wellFormed().replace("x-amz-checksum-crc32:" + CRC + "\r\n", "");
        assertRefused(decode(UNSIGNED, body), S3ErrorCode.MALFORMED_TRAILER_ERROR);
    }

    @Test
    void aTrailerValueThatIsNotBase64OfTheRightLengthIsInvalid() {
        for (String value : new String[] {"AAAA", "not base64!", "AAAAAAAA", ""}) {
            Reads.Outcome outcome = decode(UNSIGNED, wellFormed().replace(CRC, value));
            assertRefused(outcome, S3ErrorCode.INVALID_REQUEST);
            assertThat(outcome.verificationFailure().error().getMessage())
                    .isEqualTo("Value for x-amz-checksum-crc32 trailing header is invalid.");
        }
    }

    @Test
    void aTruncatedTrailerIsAnIncompleteBody() {
        String body = wellFormed();
        for (int cut = body.indexOf("\r\n0\r\n") + 3; cut < body.length(); cut++) {
            assertRefused(decode(UNSIGNED, body.substring(0, cut)), S3ErrorCode.INCOMPLETE_BODY);
        }
    }

    @Test
    void onlyTheLastChunkMayBeSmallerThan8KiB() {
        String body = "1000\r\n" + DATA.substring(0, 4096) + "\r\n" + Integer.toHexString(DATA.length() - 4096)
                + "\r\n" + DATA.substring(4096) + "\r\n0\r\nx-amz-checksum-crc32:" + CRC + "\r\n\r\n";
        Reads.Outcome outcome = decode(UNSIGNED, body);

        assertRefused(outcome, S3ErrorCode.INVALID_CHUNK_SIZE_ERROR);
        assertThat(outcome.verificationFailure().error().details()).containsExactly(
                new S3Exception.Detail("Chunk", "1"), new S3Exception.Detail("BadChunkSize", "4096"));
    }

    @Test
    void aLyingDecodedLengthIsRefused() {
        for (int declared : new int[] {DATA.length() - 1, DATA.length() + 1, 0, 8192}) {
            // Signed headers that declare another length than the (unsigned) body carries.
            Upload lying = Uploads.upload(Spec.of(PayloadMode.STREAMING_UNSIGNED_TRAILER),
                    Uploads.ascii("x".repeat(declared)));
            Reads.Outcome outcome = decode(lying, wellFormed());
            assertThat(outcome.verificationFailure().errorCode()).as("declared %d", declared)
                    .isEqualTo(S3ErrorCode.INCOMPLETE_BODY);
            assertThat(outcome.verificationFailure().error().getMessage()).startsWith("You did not provide the number");
            assertThat(outcome.released().length).isLessThan(Math.max(declared, 1));
        }
    }

    @Test
    void aSignedChunkOverTheCapIsRefusedBeforeItsBytesAreRead() throws IOException {
        byte[] payload = Uploads.randomPayload(4, 40_000);
        Upload upload = Uploads.upload(Spec.of(PayloadMode.STREAMING_SIGNED).withChunkSize(20_000), payload);
        S3Payload capped = S3Payload.of(upload.verify(), upload.headers(), HeaderChecksums.OF_BODY, 16_384);
        // The body is cut after the first chunk's header line: a cap check that read the chunk first would fail
        // with IncompleteBody instead.
        int header = upload.bodyText().indexOf("\r\n") + 2;
        try (PayloadInputStream in = capped.open(new ByteArrayInputStream(upload.body(), 0, header))) {
            Reads.Outcome outcome = Reads.drain(in, 4096);
            assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.INVALID_REQUEST);
            assertThat(outcome.verificationFailure().error().getMessage()).contains("16384");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no signature                  | ;chunk-signature= | ;
            another extension             | ;chunk-signature= | ;chunk-signatur=
            a short signature             | ;chunk-signature= | ;chunk-signature=0
            a space before the extension  | ;chunk-signature= | \\u0020;chunk-signature=
            """)
    void aMalformedSignedChunkHeaderIsAnIncompleteBody(String name, String from, String to) {
        String body = SIGNED.bodyText().replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\u0020", " ")));
        Reads.Outcome outcome = decode(SIGNED, body);
        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.INCOMPLETE_BODY);
        assertThat(outcome.released()).isEmpty();
    }

    @Test
    void anUpperCaseChunkSignatureDoesNotMatch() {
        String text = SIGNED.bodyText();
        int at = text.indexOf("chunk-signature=") + "chunk-signature=".length();
        String upper = text.substring(0, at) + text.substring(at, at + 64).toUpperCase() + text.substring(at + 64);
        assertThat(upper).isNotEqualTo(text);
        assertThat(decode(SIGNED, upper).verificationFailure().errorCode())
                .isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aSignedBodyWithoutItsFinalChunkIsRefused() {
        String text = SIGNED.bodyText();
        String withoutFinal = text.substring(0, text.lastIndexOf("0;chunk-signature="));
        Reads.Outcome outcome = decode(SIGNED, withoutFinal);
        // Every data chunk verified, yet the last byte is held back: the end was never proven.
        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.INCOMPLETE_BODY);
        assertThat(outcome.released()).hasSize(DATA.length() - 1);
    }

    private static String unescape(String text) {
        return text.strip().replace("\\r", "\r").replace("\\n", "\n");
    }
}
