package dev.lanyard.sigv4.streaming;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.SigningOptions;
import dev.lanyard.sigv4.VerifiedSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed S3 uploads in every payload mode, built the way SDKs build them: the headers signed by our signer with S3's
 * options, and the aws-chunked body (chunk signatures, trailer, checksums) by an encoder written here from AWS's
 * documentation, independent of the decoder under test.
 */
final class Uploads {
    static final Instant NOW = Instant.parse("2026-11-23T19:00:05Z");
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final SecretAccessKey SECRET = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final String SCOPE_DATE = "20261123";
    private static final String AMZ_DATE = "20261123T190005Z";
    private static final String SCOPE = SCOPE_DATE + "/us-east-1/s3/aws4_request";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private Uploads() {}

    /** An upload as sent: its headers (signed, body not included), the raw body, and the payload it carries. */
    record Upload(HttpRequestParts headers, byte[] body, byte[] payload, List<Integer> chunkStarts) {
        VerifiedSignature verify() {
            return new S3SigV4Verifier(InstantSource.fixed(NOW), new SigningKeys(4))
                    .verify(SignedRequest.parse(headers).orElseThrow(), headers, SECRET);
        }

        S3Payload payloadSpec() {
            return S3Payload.of(verify(), headers, HeaderChecksums.OF_BODY);
        }

        PayloadInputStream open() {
            return payloadSpec().open(new ByteArrayInputStream(body));
        }

        Upload withBody(byte[] other) {
            return new Upload(headers, other, payload, chunkStarts);
        }

        Upload withHeader(String name, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers.headers());
            copy.keySet().removeIf(name::equalsIgnoreCase);
            copy.put(name, List.of(value));
            return new Upload(new HttpRequestParts(headers.method(), headers.rawPath(), headers.rawQuery(), copy),
                    body, payload, chunkStarts);
        }

        /** The body as text with the payload bytes left out, for tests that edit the framing. */
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** How the upload is built: the mode, the checksum, the chunk size, and which headers to send. */
    record Spec(PayloadMode mode, Optional<ChecksumAlgorithm> checksum, int chunkSize, boolean declareLength) {
        static Spec of(PayloadMode mode) {
            return new Spec(mode, mode.trailer() ? Optional.of(ChecksumAlgorithm.CRC32) : Optional.empty(),
                    64 * 1024, true);
        }

        Spec withChecksum(ChecksumAlgorithm algorithm) {
            return new Spec(mode, Optional.of(algorithm), chunkSize, declareLength);
        }

        Spec withChunkSize(int size) {
            return new Spec(mode, checksum, size, declareLength);
        }

        Spec withoutDeclaredLength() {
            return new Spec(mode, checksum, chunkSize, false);
        }
    }

    static byte[] randomPayload(long seed, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    static Upload upload(Spec spec, byte[] payload) {
        PayloadMode mode = spec.mode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("bucket.s3.example.test"));
        headers.put("x-amz-content-sha256", List.of(contentSha256(mode, payload)));
        List<String> signed = new ArrayList<>();
        if (mode.chunked()) {
            headers.put("Content-Encoding", List.of("aws-chunked"));
            signed.add("content-encoding");
            if (spec.declareLength()) {
                headers.put("x-amz-decoded-content-length", List.of(Integer.toString(payload.length)));
                signed.add("x-amz-decoded-content-length");
            }
        } else if (spec.declareLength()) {
            headers.put("Content-Length", List.of(Integer.toString(payload.length)));
        }
        if (spec.checksum().isPresent()) {
            ChecksumAlgorithm algorithm = spec.checksum().get();
            String name = mode.trailer() ? "x-amz-trailer" : algorithm.headerName();
            headers.put(name, List.of(mode.trailer() ? algorithm.headerName() : checksum(algorithm, payload)));
            headers.put("x-amz-sdk-checksum-algorithm", List.of(algorithm.s3Name()));
            signed.add(name);
            signed.add("x-amz-sdk-checksum-algorithm");
        }
        HttpRequestParts unsigned = new HttpRequestParts("PUT", "/bucket/a%20key+%E2%82%AC.bin", "", headers);
        Map<String, String> added = new SigV4Signer(ACCESS_KEY_ID, SECRET, Optional.empty()).signHeaders(unsigned,
                "us-east-1", "s3", NOW, SigningOptions.s3().withExtraSignedHeaders(signed.toArray(String[]::new)));
        added.forEach((name, value) -> headers.put(name, List.of(value)));
        HttpRequestParts sent = new HttpRequestParts("PUT", unsigned.rawPath(), "", headers);
        String authorization = added.get("Authorization");
        String seed = authorization.substring(authorization.length() - 64);
        List<Integer> starts = new ArrayList<>();
        byte[] body = switch (mode) {
            case SIGNED_PAYLOAD, UNSIGNED_PAYLOAD -> payload.clone();
            case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER ->
                    chunked(spec, payload, seed, starts);
        };
        return new Upload(sent, body, payload, List.copyOf(starts));
    }

    private static String contentSha256(PayloadMode mode, byte[] payload) {
        return switch (mode) {
            case SIGNED_PAYLOAD -> sha256Hex(payload);
            case UNSIGNED_PAYLOAD -> "UNSIGNED-PAYLOAD";
            case STREAMING_SIGNED -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
            case STREAMING_SIGNED_TRAILER -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
            case STREAMING_UNSIGNED_TRAILER -> "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        };
    }

    /** The aws-chunked body; {@code starts} receives each data chunk's offset in the payload. */
    private static byte[] chunked(Spec spec, byte[] payload, String seed, List<Integer> starts) {
        boolean signed = spec.mode().signedChunks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = seed;
        for (int at = 0; at <= payload.length; at += spec.chunkSize()) {
            int length = Math.min(spec.chunkSize(), payload.length - at);
            if (length == 0) {
                break;
            }
            starts.add(at);
            byte[] data = java.util.Arrays.copyOfRange(payload, at, at + length);
            String header = Integer.toHexString(length);
            if (signed) {
                previous = chunkSignature(previous, data);
                header += ";chunk-signature=" + previous;
            }
            out.writeBytes(ascii(header + "\r\n"));
            out.writeBytes(data);
            out.writeBytes(ascii("\r\n"));
        }
        if (signed) {
            previous = chunkSignature(previous, new byte[0]);
            out.writeBytes(ascii("0;chunk-signature=" + previous + "\r\n"));
        } else {
            out.writeBytes(ascii("0\r\n"));
        }
        if (spec.mode().trailer()) {
            ChecksumAlgorithm algorithm = spec.checksum().orElseThrow();
            String line = algorithm.headerName() + ":" + checksum(algorithm, payload);
            out.writeBytes(ascii(line + "\r\n"));
            if (signed) {
                out.writeBytes(ascii("x-amz-trailer-signature:" + trailerSignature(previous, line + "\n") + "\r\n"));
            }
        }
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    static String chunkSignature(String previous, byte[] data) {
        return hmac("AWS4-HMAC-SHA256-PAYLOAD\n" + AMZ_DATE + "\n" + SCOPE + "\n" + previous + "\n" + EMPTY_SHA256
                + "\n" + sha256Hex(data));
    }

    static String trailerSignature(String previous, String canonicalTrailer) {
        return hmac("AWS4-HMAC-SHA256-TRAILER\n" + AMZ_DATE + "\n" + SCOPE + "\n" + previous + "\n"
                + sha256Hex(ascii(canonicalTrailer)));
    }

    /** A checksum computed with the JDK (and, for CRC64NVME, bit by bit from the definition). */
    static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
        byte[] value = switch (algorithm) {
            case CRC32 -> {
                CRC32 crc = new CRC32();
                crc.update(data);
                yield bigEndian(crc.getValue(), 4);
            }
            case CRC32C -> {
                CRC32C crc = new CRC32C();
                crc.update(data);
                yield bigEndian(crc.getValue(), 4);
            }
            case CRC64NVME -> bigEndian(bitwiseCrc64Nvme(data), 8);
            case SHA1 -> digest("SHA-1", data);
            case SHA256 -> digest("SHA-256", data);
        };
        return Base64.getEncoder().encodeToString(value);
    }

    /** The definition, one bit at a time: the reference the table-driven implementation is compared with. */
    static long bitwiseCrc64Nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static byte[] bigEndian(long value, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (value >>> (8 * (length - 1 - i)));
        }
        return out;
    }

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(digest("SHA-256", data));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String stringToSign) {
        try {
            byte[] key = new SigningKeys(1).signingKey(SECRET, SCOPE_DATE, "us-east-1", "s3");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(ascii(stringToSign)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
