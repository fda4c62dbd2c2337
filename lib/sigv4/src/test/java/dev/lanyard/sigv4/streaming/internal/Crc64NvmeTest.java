package dev.lanyard.sigv4.streaming.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CRC-64/NVME against published vectors: the check value of the CRC catalogue ("123456789"), the vectors of AWS's
 * aws-checksums and aws-crt bindings (32 zero bytes, 32 bytes 0x00..0x1f, 25 MiB of zeros) and of the NVMe command
 * set specification and the Linux kernel's testmgr (4096 zeros, 4096 0xff); then against the bit-by-bit definition
 * on random data in random pieces.
 */
class Crc64NvmeTest {

    private static long crc(byte[] data) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }

    private static byte[] filled(int length, int value) {
        byte[] data = new byte[length];
        java.util.Arrays.fill(data, (byte) value);
        return data;
    }

    @Test
    void publishedVectors() {
        assertThat(crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xAE8B14860A799888L);
        assertThat(crc(new byte[0])).isZero();
        assertThat(crc(new byte[32])).isEqualTo(0xCF3473434D4ECF3BL);
        assertThat(crc(filled(32, 0xff))).isEqualTo(0xA0A06974C34D63C4L);
        byte[] ascending = new byte[32];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = (byte) i;
        }
        assertThat(crc(ascending)).isEqualTo(0xB9D9D4A8492CBD7FL);
        assertThat(crc(new byte[4096])).isEqualTo(0x6482D367EB22B64EL);
        assertThat(crc(filled(4096, 0xff))).isEqualTo(0xC0DDBA7302ECA3ACL);
        assertThat(crc(new byte[25 * 1024 * 1024])).isEqualTo(0x5B6F5045463CA45EL);
        assertThat(crc("hello world!".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xD9160D1FA8E418E3L);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 7", "2, 8", "3, 9", "4, 1000", "5, 65537"})
    void matchesTheBitwiseDefinitionInAnyPieces(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] data = new byte[length];
        random.nextBytes(data);
        Crc64Nvme pieces = new Crc64Nvme();
        int at = 0;
        while (at < length) {
            int n = random.nextInt(0, Math.min(length - at, 100) + 1);
            if (random.nextInt(4) == 0 && n > 0) {
                pieces.update(data[at]);
                n = 1;
            } else {
                pieces.update(data, at, n);
            }
            at += n;
        }
        assertThat(pieces.getValue()).isEqualTo(bitwise(data)).isEqualTo(crc(data));
    }

    @Test
    void resetStartsOver() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(new byte[] {1, 2, 3}, 0, 3);
        crc.reset();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    private static long bitwise(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }
}
