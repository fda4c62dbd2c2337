package dev.lanyard.sigv4.streaming.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.ChunkSignatureChain;
import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.S3Errors;
import dev.lanyard.sigv4.streaming.Checksum;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decodes {@code aws-chunked}: {@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n} chunks, a final chunk of size
 * 0, then either CRLF or (trailer modes) the trailer lines and CRLF, then nothing.
 *
 * <p>Signed chunks are read whole (at most {@link PayloadRules#maxSignedChunkBytes()}, the buffer growing only as
 * bytes arrive) and handed out only once their signature, chained from the seed, matched. Unsigned chunks stream
 * through a fixed buffer: their only protection is the trailing checksum, checked with everything else before the end
 * is reported. As S3 does, every chunk but the last must carry at least 8 KiB.
 */
public final class ChunkedDecoder implements PayloadDecoder {
    /** S3's floor for every chunk but the last; it also bounds how many signatures a body can make us check. */
    public static final int MIN_CHUNK_BYTES = 8192;
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final int SIGNATURE_HEX_LENGTH = 64;
    private static final int MAX_SIZE_DIGITS = 16;
    private static final int MAX_HEADER_LINE = 256;
    private static final int MAX_UNSIGNED_BUFFER = 64 * 1024;
    private static final int MIN_BUFFER = 512;

    private final WireReader wire;
    private final PayloadRules rules;
    private final IntegrityChecks checks;
    private final Optional<ChunkSignatureChain> chain;
    private final MessageDigest chunkSha256;
    private byte[] buffer;
    private long chunkNumber;
    private long chunkRemaining;
    private long previousDataChunk = -1;
    private String chunkData = "";
    private Optional<Checksum> verified = Optional.empty();
    private boolean ended;

    private ChunkedDecoder(InputStream in, PayloadRules rules, Optional<ChunkSignatureChain> chain) {
        this.wire = new WireReader(in);
        this.rules = requireNonNull(rules, "rules is null");
        this.checks = new IntegrityChecks(rules);
        this.chain = chain;
        this.chunkSha256 = chain.isPresent() ? Crypto.sha256() : null;
        long declared = rules.decodedLength().orElse(MAX_UNSIGNED_BUFFER);
        this.buffer = new byte[(int) Math.clamp(declared, MIN_BUFFER, MAX_UNSIGNED_BUFFER)];
    }

    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}: every chunk and the trailer verified through {@code chain}. */
    public static ChunkedDecoder signed(InputStream in, PayloadRules rules, ChunkSignatureChain chain) {
        return new ChunkedDecoder(in, rules, Optional.of(chain));
    }

    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}. */
    public static ChunkedDecoder unsigned(InputStream in, PayloadRules rules) {
        return new ChunkedDecoder(in, rules, Optional.empty());
    }

    @Override
    public int next() throws IOException {
        if (ended) {
            return -1;
        }
        return chain.isPresent() ? nextSigned(chain.get()) : nextUnsigned();
    }

    private int nextSigned(ChunkSignatureChain signatures) throws IOException {
        String header = readHeader();
        int semicolon = header.indexOf(';');
        if (semicolon < 0 || !header.startsWith(CHUNK_SIGNATURE, semicolon + 1)
                || header.length() != semicolon + 1 + CHUNK_SIGNATURE.length() + SIGNATURE_HEX_LENGTH) {
            throw malformed("chunk " + chunkNumber + ": expected '<hex size>;chunk-signature=<64 hex digits>', got "
                    + WireReader.quote(header));
        }
        long size = startChunk(header, semicolon);
        if (size > rules.maxSignedChunkBytes()) {
            throw new PayloadVerificationException(
                    S3Errors.chunkTooLarge(chunkNumber, size, rules.maxSignedChunkBytes()));
        }
        int length = (int) size;
        readChunk(length);
        if (length > 0) {
            wire.expectCrlf(chunkData);
        }
        chunkSha256.update(buffer, 0, length);
        byte[] signature = WireReader.ascii(header.substring(header.length() - SIGNATURE_HEX_LENGTH));
        if (!signatures.verifyChunk(chunkSha256.digest(), signature)) {
            // A failed check leaves the chain where it was, so this still describes the chunk that failed.
            throw new PayloadVerificationException(S3Errors.chunkSignatureMismatch("chunk " + chunkNumber + " of "
                    + length + " bytes, string to sign starts " + signatures.describeNextChunk()));
        }
        if (length == 0) {
            finish();
            return -1;
        }
        checks.update(buffer, 0, length);
        return length;
    }

    private int nextUnsigned() throws IOException {
        if (chunkRemaining == 0) {
            String header = readHeader();
            long size = startChunk(header, header.length());
            if (size == 0) {
                finish();
                return -1;
            }
            chunkRemaining = size;
        }
        int n = wire.readSome(buffer, 0, (int) Math.min(buffer.length, chunkRemaining), chunkData);
        chunkRemaining -= n;
        checks.update(buffer, 0, n);
        if (chunkRemaining == 0) {
            wire.expectCrlf(chunkData);
        }
        return n;
    }

    private String readHeader() throws IOException {
        chunkNumber++;
        chunkData = "chunk " + chunkNumber + " data";
        return wire.readLine(MAX_HEADER_LINE, "chunk " + chunkNumber + " header", S3Errors::malformedBody);
    }

    /** The size of a new chunk, checked against the 8 KiB floor of its predecessor and the declared length. */
    private long startChunk(String header, int sizeEnd) throws PayloadVerificationException {
        long size = parseSize(header, sizeEnd);
        if (size > 0 && previousDataChunk >= 0 && previousDataChunk < MIN_CHUNK_BYTES) {
            throw new PayloadVerificationException(S3Errors.chunkTooSmall(chunkNumber - 1, previousDataChunk));
        }
        checks.expect(size);
        if (size > 0) {
            previousDataChunk = size;
        }
        return size;
    }

    private long parseSize(String header, int end) throws PayloadVerificationException {
        if (end == 0 || end > MAX_SIZE_DIGITS) {
            throw malformed("chunk " + chunkNumber + ": no chunk size of 1 to 16 hex digits in "
                    + WireReader.quote(header));
        }
        long size = 0;
        for (int i = 0; i < end; i++) {
            int digit = hexDigit(header.charAt(i));
            if (digit < 0) {
                throw malformed("chunk " + chunkNumber + ": the chunk size is not hexadecimal in "
                        + WireReader.quote(header));
            }
            size = (size << 4) | digit;
        }
        if (size < 0) {
            throw malformed("chunk " + chunkNumber + ": the chunk size overflows in " + WireReader.quote(header));
        }
        return size;
    }

    /** A whole signed chunk into {@link #buffer}, which grows (doubling) only as its bytes actually arrive. */
    private void readChunk(int length) throws IOException {
        int filled = 0;
        while (filled < length) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            filled += wire.readSome(buffer, filled, Math.min(length, buffer.length) - filled, chunkData);
        }
    }

    private void finish() throws IOException {
        Optional<String> trailerValue = Optional.empty();
        if (rules.mode().trailer()) {
            trailerValue = Optional.of(new TrailerReader(wire, rules.trailerChecksum().orElseThrow(), chain).read());
        } else {
            wire.expectCrlf("the final chunk");
        }
        if (!wire.atEnd()) {
            throw malformed("bytes follow the end of the aws-chunked body");
        }
        verified = checks.finish(trailerValue);
        ended = true;
    }

    /** The value of an ASCII hex digit, or -1 ({@link HexFormat} takes no other digits, unlike Character.digit). */
    private static int hexDigit(char c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

    private static PayloadVerificationException malformed(String detail) {
        return new PayloadVerificationException(S3Errors.malformedBody(detail));
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public Optional<Checksum> verifiedChecksum() {
        return verified;
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
