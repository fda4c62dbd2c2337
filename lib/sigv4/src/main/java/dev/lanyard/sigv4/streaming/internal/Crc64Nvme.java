package dev.lanyard.sigv4.streaming.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the {@code x-amz-checksum-crc64nvme} of S3): polynomial 0xAD93D23594C93659, reflected, initial value and
 * final XOR all ones; check value 0xAE8B14860A799888 for "123456789". The JDK has no CRC-64, so this is slice-by-8:
 * eight 256-entry tables consume eight bytes per step, read as one little-endian long.
 */
public final class Crc64Nvme implements Checksum {
    /** The polynomial, bit-reversed for the reflected (LSB-first) form. */
    private static final long REFLECTED_POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final VarHandle LONG_LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Constant lookup tables: written once here, only read afterwards. */
    private static final long[][] TABLES = tables();

    private long state = -1L;

    @Override
    public void update(int b) {
        state = TABLES[0][(int) (state ^ b) & 0xff] ^ (state >>> 8);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long crc = state;
        int i = offset;
        int end = offset + length;
        long[] t0 = TABLES[0];
        long[] t1 = TABLES[1];
        long[] t2 = TABLES[2];
        long[] t3 = TABLES[3];
        long[] t4 = TABLES[4];
        long[] t5 = TABLES[5];
        long[] t6 = TABLES[6];
        long[] t7 = TABLES[7];
        for (; end - i >= Long.BYTES; i += Long.BYTES) {
            long v = crc ^ (long) LONG_LITTLE_ENDIAN.get(bytes, i);
            crc = t7[(int) v & 0xff] ^ t6[(int) (v >>> 8) & 0xff] ^ t5[(int) (v >>> 16) & 0xff]
                    ^ t4[(int) (v >>> 24) & 0xff] ^ t3[(int) (v >>> 32) & 0xff] ^ t2[(int) (v >>> 40) & 0xff]
                    ^ t1[(int) (v >>> 48) & 0xff] ^ t0[(int) (v >>> 56) & 0xff];
        }
        for (; i < end; i++) {
            crc = t0[(int) (crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
        }
        state = crc;
    }

    @Override
    public long getValue() {
        return ~state;
    }

    @Override
    public void reset() {
        state = -1L;
    }

    private static long[][] tables() {
        long[][] tables = new long[Long.BYTES][256];
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            tables[0][i] = crc;
        }
        for (int k = 1; k < Long.BYTES; k++) {
            for (int i = 0; i < 256; i++) {
                long previous = tables[k - 1][i];
                tables[k][i] = (previous >>> 8) ^ tables[0][(int) previous & 0xff];
            }
        }
        return tables;
    }
}
