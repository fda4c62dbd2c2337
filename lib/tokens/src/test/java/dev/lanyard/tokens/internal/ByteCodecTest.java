package dev.lanyard.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteCodecTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE})
    void varLongsRoundTripMinimally(long value) throws MalformedDataException {
        ByteWriter out = new ByteWriter(0).writeVarLong(value).writeZigZag(value);
        ByteReader in = new ByteReader(out.toByteArray());
        assertThat(in.readVarLong()).isEqualTo(value);
        assertThat(in.readZigZag()).isEqualTo(value);
        in.requireEnd();
    }

    @Test
    void randomPrimitivesRoundTrip() throws MalformedDataException {
        Random random = new Random(99);
        for (int i = 0; i < 2000; i++) {
            long l = random.nextLong() >> random.nextInt(64);
            int n = random.nextInt(Integer.MAX_VALUE) >> random.nextInt(31);
            int word = random.nextInt();
            Instant t = Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                    random.nextInt(1_000_000_000));
            ByteWriter out = new ByteWriter(1).writeZigZag(l).writeVarInt(n).writeInt32(word).writeInstant(t);
            assertThat(ByteWriter.varIntSize(n)).isEqualTo(new ByteWriter(1).writeVarInt(n).size());
            ByteReader in = new ByteReader(out.toByteArray());
            assertThat(in.readZigZag()).isEqualTo(l);
            assertThat(in.readVarInt()).isEqualTo(n);
            assertThat(in.readInt32()).isEqualTo(word);
            assertThat(in.readInstant()).isEqualTo(t);
            in.requireEnd();
        }
    }

    @Test
    void nonMinimalOverlongAndOverflowingVarintsAreRefused() {
        assertMalformed(new byte[] {(byte) 0x80, 0x00});
        assertMalformed(new byte[] {(byte) 0x81, (byte) 0x80, 0x00});
        assertMalformed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02});
        assertMalformed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x81, 0x00});
        assertMalformed(new byte[] {(byte) 0x80});
        assertMalformed(new byte[] {});
    }

    @Test
    void varIntRefusesValuesAboveIntRange() {
        byte[] big = new ByteWriter(0).writeVarLong(1L << 31).toByteArray();
        assertThatThrownBy(() -> new ByteReader(big).readVarInt()).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void lengthsAndCountsAreBoundedByTheRemainingBytes() {
        byte[] data = new ByteWriter(0).writeVarInt(5).writeByte(1).writeByte(2).toByteArray();
        assertThatThrownBy(() -> new ByteReader(data).readLength()).isInstanceOf(MalformedDataException.class);
        assertThatThrownBy(() -> new ByteReader(data).readString()).isInstanceOf(MalformedDataException.class);
        assertThatThrownBy(() -> new ByteReader(data).readCount(1)).isInstanceOf(MalformedDataException.class);
        byte[] huge = new ByteWriter(0).writeVarInt(Integer.MAX_VALUE).writeByte(1).toByteArray();
        assertThatThrownBy(() -> new ByteReader(huge).readCount(2)).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void stringsRoundTripAcrossPlanes() throws MalformedDataException {
        String text = "ascii é ☃ \uD83D\uDE00 \u0000 end";
        ByteReader in = new ByteReader(new ByteWriter(0).writeString(text).writeString("").toByteArray());
        assertThat(in.readString()).isEqualTo(text);
        assertThat(in.readString()).isEmpty();
        in.requireEnd();
    }

    @Test
    void unpairedSurrogatesCannotBeWritten() {
        assertThatThrownBy(() -> new ByteWriter(0).writeString("a\uD800b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteWriter(0).writeString("\uDC00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[][] invalid = {
            {(byte) 0xC0, (byte) 0x80},                         // overlong NUL
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},            // encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xE2, (byte) 0x82},                         // truncated
            {(byte) 0xFF},
            {(byte) 0x80},
        };
        for (byte[] bytes : invalid) {
            byte[] encoded = new ByteWriter(0).writeLengthPrefixed(bytes).toByteArray();
            assertThatThrownBy(() -> new ByteReader(encoded).readString()).isInstanceOf(MalformedDataException.class);
        }
    }

    @Test
    void instantsMustBeCanonicalAndInRange() {
        byte[] nanosTooBig = new ByteWriter(0).writeZigZag(0).writeVarInt(1_000_000_000).toByteArray();
        assertThatThrownBy(() -> new ByteReader(nanosTooBig).readInstant()).isInstanceOf(MalformedDataException.class);
        byte[] secondsTooBig = new ByteWriter(0).writeZigZag(Instant.MAX.getEpochSecond() + 1).writeVarInt(0)
                .toByteArray();
        assertThatThrownBy(() -> new ByteReader(secondsTooBig).readInstant()).isInstanceOf(MalformedDataException.class);
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] data = {1, 2};
        ByteReader in = new ByteReader(data);
        assertThatThrownBy(in::requireEnd).isInstanceOf(MalformedDataException.class);
    }

    private static void assertMalformed(byte[] varint) {
        assertThatThrownBy(() -> new ByteReader(varint).readVarLong()).isInstanceOf(MalformedDataException.class);
    }
}
