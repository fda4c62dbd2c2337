package dev.lanyard.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One large-object transfer for load/s3gateway.sh, timed: {@code put} uploads a file in one PutObject (over plain HTTP
 * the SDK for Java v2 sends it aws-chunked with a signature per chunk), {@code get}
 * downloads an object into a sink that keeps nothing. Prints {@code TRANSFER bytes=N millis=M}.
 *
 * <p>Usage: {@code S3Transfer ENDPOINT put|get BUCKET KEY [FILE]}; credentials from S3_ACCESS_KEY_ID,
 * S3_SECRET_ACCESS_KEY and, for a session, S3_SESSION_TOKEN (out of argv).
 */
public final class S3Transfer {
    private S3Transfer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || !(args[1].equals("put") && args.length == 5 || args[1].equals("get"))) {
            throw new IllegalArgumentException("usage: S3Transfer ENDPOINT put|get BUCKET KEY [FILE]");
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(args[0])).region(Region.US_EAST_1)
                .forcePathStyle(true)
                // s3proxy 4.0.0 cannot read the trailing checksum the SDK adds by default; both sides of the
                // comparison get the same signed-chunk body without it.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(credentials()))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            long start = System.nanoTime();
            long bytes = args[1].equals("put") ? put(s3, args[2], args[3], Path.of(args[4])) : get(s3, args[2], args[3]);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(Locale.ROOT, "TRANSFER bytes=%d millis=%d%n", bytes, millis);
        }
    }

    private static long put(S3Client s3, String bucket, String key, Path file) throws IOException {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        return Files.size(file);
    }

    private static long get(S3Client s3, String bucket, String key) throws IOException {
        CountingSink sink = new CountingSink();
        s3.getObject(b -> b.bucket(bucket).key(key)).transferTo(sink);
        return sink.count;
    }

    private static AwsCredentials credentials() {
        String id = System.getenv("S3_ACCESS_KEY_ID");
        String secret = System.getenv("S3_SECRET_ACCESS_KEY");
        String token = System.getenv("S3_SESSION_TOKEN");
        if (id == null || secret == null) {
            throw new IllegalArgumentException("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set");
        }
        return token == null || token.isEmpty()
                ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token);
    }

    /** Counts what it is given and keeps none of it. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
