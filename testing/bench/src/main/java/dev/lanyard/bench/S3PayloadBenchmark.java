package dev.lanyard.bench;

import dev.lanyard.sigv4.streaming.PayloadInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and verifying an 8 MiB S3 upload body in each payload mode, read as a forwarding gateway reads it (64 KiB
 * at a time), next to the bare work it cannot avoid on the same bytes: SHA-256 alone (the signed modes' floor), the
 * CRCs alone, and a plain copy. Throughput in operations per second; MB/s = ops/s x 8.39 (8 MiB per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class S3PayloadBenchmark {
    static final int PAYLOAD_BYTES = 8 * 1024 * 1024;
    private static final int READ_BYTES = 64 * 1024;

    /** A payload mode, with "+" the checksum it carries (as a header, or as the trailer in the trailer modes). */
    @Param({"UNSIGNED_PAYLOAD", "SIGNED_PAYLOAD", "STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER+CRC32",
        "STREAMING_UNSIGNED_TRAILER+CRC32", "STREAMING_UNSIGNED_TRAILER+CRC32C", "STREAMING_UNSIGNED_TRAILER+CRC64NVME",
        "STREAMING_UNSIGNED_TRAILER+SHA1", "STREAMING_UNSIGNED_TRAILER+SHA256"})
    public String upload;

    private S3Uploads.Prepared prepared;
    private byte[] sink;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws GeneralSecurityException {
        prepared = S3Uploads.prepare(upload, PAYLOAD_BYTES);
        sink = new byte[READ_BYTES];
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** {@code S3Payload.open} and reading the whole payload through it; returns the bytes released. */
    @Benchmark
    public long decode() throws IOException {
        long total = 0;
        try (PayloadInputStream in = prepared.spec().open(new ByteArrayInputStream(prepared.body()))) {
            int n;
            while ((n = in.read(sink, 0, sink.length)) >= 0) {
                total += n;
            }
        }
        return total;
    }

    /** The floor of every signed mode: SHA-256 over the payload, 64 KiB at a time, with a reused digest. */
    @Benchmark
    public byte[] sha256Floor() {
        byte[] payload = prepared.payload();
        for (int at = 0; at < payload.length; at += READ_BYTES) {
            sha256.update(payload, at, Math.min(READ_BYTES, payload.length - at));
        }
        return sha256.digest();
    }

    /** The JDK's CRC32 (intrinsic) over the payload. */
    @Benchmark
    public long crc32Floor() {
        CRC32 crc = new CRC32();
        crc.update(prepared.payload());
        return crc.getValue();
    }

    /** The JDK's CRC32C (intrinsic) over the payload. */
    @Benchmark
    public long crc32cFloor() {
        CRC32C crc = new CRC32C();
        crc.update(prepared.payload());
        return crc.getValue();
    }

    /** Copying the payload through a 64 KiB buffer: what any decoder pays to hand bytes on. */
    @Benchmark
    public byte[] copyFloor() {
        byte[] payload = prepared.payload();
        for (int at = 0; at < payload.length; at += READ_BYTES) {
            System.arraycopy(payload, at, sink, 0, Math.min(READ_BYTES, payload.length - at));
        }
        return sink;
    }
}
