package dev.lanyard.bench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.SigningOptions;
import dev.lanyard.sigv4.streaming.ChecksumAlgorithm;
import dev.lanyard.sigv4.streaming.HeaderChecksums;
import dev.lanyard.sigv4.streaming.PayloadMode;
import dev.lanyard.sigv4.streaming.S3Payload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3 uploads for {@link S3PayloadBenchmark}, encoded the way SDKs send them: headers signed with S3's options, aws-chunked
 * bodies with the SDK for Java's 128 KiB chunks, chunk and trailer signatures chained from the seed.
 */
final class S3Uploads {
    static final int CHUNK_BYTES = 128 * 1024;
    private static final Instant TIME = Instant.parse("2026-11-23T19:00:05Z");
    private static final String AMZ_DATE = "20261123T190005Z";
    private static final String SCOPE = "20261123/us-east-1/s3/aws4_request";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7BENCH01";
    private static final SecretAccessKey SECRET = SecretAccessKey.of("bench/S3Uploads/" + "k".repeat(24));
    private static final HexFormat HEX = HexFormat.of();

    /** A verified upload: the payload spec the gateway would hold, the raw body, and the payload it carries. */
    record Prepared(S3Payload spec, byte[] body, byte[] payload) {}

    private S3Uploads() {}

    /** @param upload a {@link PayloadMode} name, optionally with "+" and a checksum algorithm (header or trailer) */
    static Prepared prepare(String upload, int payloadBytes) {
        String[] parts = upload.split("\\+");
        PayloadMode mode = PayloadMode.valueOf(parts[0]);
        Optional<ChecksumAlgorithm> checksum = parts.length > 1
                ? Optional.of(ChecksumAlgorithm.valueOf(parts[1]))
                : Optional.empty();
        byte[] payload = new byte[payloadBytes];
        new SplittableRandom(7).nextBytes(payload);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("bucket.s3.example.test"));
        headers.put("x-amz-content-sha256", List.of(contentSha256(mode, payload)));
        List<String> signed = new ArrayList<>();
        if (mode.chunked()) {
            headers.put("Content-Encoding", List.of("aws-chunked"));
            headers.put("x-amz-decoded-content-length", List.of(Integer.toString(payloadBytes)));
            signed.addAll(List.of("content-encoding", "x-amz-decoded-content-length"));
        } else {
            headers.put("Content-Length", List.of(Integer.toString(payloadBytes)));
        }
        checksum.ifPresent(algorithm -> {
            String name = mode.trailer() ? "x-amz-trailer" : algorithm.headerName();
            headers.put(name, List.of(mode.trailer() ? algorithm.headerName() : checksum(algorithm, payload)));
            signed.add(name);
        });
        HttpRequestParts unsigned = new HttpRequestParts("PUT", "/bucket/object", "", headers);
        Map<String, String> added = new SigV4Signer(ACCESS_KEY_ID, SECRET, Optional.empty()).signHeaders(unsigned,
                "us-east-1", "s3", TIME, SigningOptions.s3().withExtraSignedHeaders(signed.toArray(String[]::new)));
        added.forEach((name, value) -> headers.put(name, List.of(value)));
        HttpRequestParts sent = new HttpRequestParts("PUT", "/bucket/object", "", headers);
        S3Payload spec = S3Payload.of(new S3SigV4Verifier(InstantSource.fixed(TIME), new SigningKeys(1))
                .verify(SignedRequest.parse(sent).orElseThrow(), sent, SECRET), sent, HeaderChecksums.OF_BODY);
        String authorization = added.get("Authorization");
        byte[] body = mode.chunked()
                ? chunked(mode, checksum, payload, authorization.substring(authorization.length() - 64))
                : payload;
        return new Prepared(spec, body, payload);
    }

    private static String contentSha256(PayloadMode mode, byte[] payload) {
        return switch (mode) {
            case SIGNED_PAYLOAD -> HEX.formatHex(digest("SHA-256", payload));
            case UNSIGNED_PAYLOAD -> "UNSIGNED-PAYLOAD";
            case STREAMING_SIGNED -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
            case STREAMING_SIGNED_TRAILER -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
            case STREAMING_UNSIGNED_TRAILER -> "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        };
    }

    private static byte[] chunked(PayloadMode mode, Optional<ChecksumAlgorithm> checksum, byte[] payload,
            String seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 4096);
        String previous = seed;
        for (int at = 0; at < payload.length; at += CHUNK_BYTES) {
            byte[] data = Arrays.copyOfRange(payload, at, Math.min(payload.length, at + CHUNK_BYTES));
            String header = Integer.toHexString(data.length);
            if (mode.signedChunks()) {
                previous = sign("AWS4-HMAC-SHA256-PAYLOAD", previous, EMPTY_SHA256 + "\n"
                        + HEX.formatHex(digest("SHA-256", data)));
                header += ";chunk-signature=" + previous;
            }
            out.writeBytes(ascii(header + "\r\n"));
            out.writeBytes(data);
            out.writeBytes(ascii("\r\n"));
        }
        if (mode.signedChunks()) {
            previous = sign("AWS4-HMAC-SHA256-PAYLOAD", previous, EMPTY_SHA256 + "\n" + EMPTY_SHA256);
            out.writeBytes(ascii("0;chunk-signature=" + previous + "\r\n"));
        } else {
            out.writeBytes(ascii("0\r\n"));
        }
        if (mode.trailer()) {
            ChecksumAlgorithm algorithm = checksum.orElseThrow();
            String line = algorithm.headerName() + ":" + checksum(algorithm, payload);
            out.writeBytes(ascii(line + "\r\n"));
            if (mode.signedChunks()) {
                String signature = sign("AWS4-HMAC-SHA256-TRAILER", previous,
                        HEX.formatHex(digest("SHA-256", ascii(line + "\n"))));
                out.writeBytes(ascii("x-amz-trailer-signature:" + signature + "\r\n"));
            }
        }
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    private static String sign(String algorithm, String previous, String rest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new SigningKeys(1).signingKey(SECRET, "20261123", "us-east-1", "s3"),
                    "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(ascii(algorithm + "\n" + AMZ_DATE + "\n" + SCOPE + "\n" + previous
                    + "\n" + rest)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checksum as the client computes it; CRC64NVME bit by bit from its definition (setup only). */
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
            case CRC64NVME -> {
                long crc = -1L;
                for (byte b : data) {
                    crc ^= b & 0xff;
                    for (int bit = 0; bit < 8; bit++) {
                        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
                    }
                }
                yield bigEndian(~crc, 8);
            }
            case SHA1 -> digest("SHA-1", data);
            case SHA256 -> digest("SHA-256", data);
        };
        return Base64.getEncoder().encodeToString(value);
    }

    private static byte[] bigEndian(long value, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (value >>> (8 * (length - 1 - i)));
        }
        return out;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
