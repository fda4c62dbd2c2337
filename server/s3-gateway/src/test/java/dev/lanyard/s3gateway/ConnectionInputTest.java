package dev.lanyard.s3gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The backend connection's buffered input hands out exactly the bytes underneath, however it is read. */
class ConnectionInputTest {
    private static final int BUFFER = 64;
    private static final BackendStalls.Watch UNWATCHED = BackendStalls.manual(1).watch(() -> { });

    @Test
    void mixedSingleAndBulkReadsReturnEveryByteInOrder() throws IOException {
        SplittableRandom random = new SplittableRandom(13);
        byte[] source = new byte[10_000];
        random.nextBytes(source);
        ConnectionInput in = new ConnectionInput(new Trickle(source, random.split()), BUFFER, UNWATCHED);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (true) {
            if (random.nextBoolean()) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                seen.write(b);
            } else {
                // Below, at and above the buffer's size: the last ones go straight to the stream underneath.
                byte[] chunk = new byte[1 + random.nextInt(3 * BUFFER)];
                int off = random.nextInt(2);
                int n = in.read(chunk, off, chunk.length - off);
                if (n < 0) {
                    break;
                }
                assertThat(n).isPositive();
                seen.write(chunk, off, n);
            }
        }
        assertThat(seen.toByteArray()).isEqualTo(source);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    @Test
    void anEmptyReadReadsNothing() throws IOException {
        ConnectionInput in = new ConnectionInput(InputStream.nullInputStream(), BUFFER, UNWATCHED);
        assertThat(in.read(new byte[4], 0, 0)).isZero();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void availableCountsTheBufferedBytes() throws IOException {
        ConnectionInput in = new ConnectionInput(new ByteArrayInputStream(new byte[10]), BUFFER, UNWATCHED);
        assertThat(in.read()).isZero();
        assertThat(in.available()).isEqualTo(9);
    }

    /** A stream that hands out a few bytes per read, as a socket does. */
    private static final class Trickle extends FilterInputStream {
        private final SplittableRandom random;

        Trickle(byte[] bytes, SplittableRandom random) {
            super(new ByteArrayInputStream(bytes));
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(100)));
        }
    }
}
