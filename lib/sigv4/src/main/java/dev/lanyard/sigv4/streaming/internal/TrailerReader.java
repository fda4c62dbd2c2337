package dev.lanyard.sigv4.streaming.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.ChunkSignatureChain;
import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.S3Errors;
import dev.lanyard.sigv4.streaming.ChecksumAlgorithm;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The trailer after the final chunk: {@code name:value} lines and an empty line. It must carry exactly the checksum
 * {@code x-amz-trailer} declared, and in the signed mode end with {@code x-amz-trailer-signature}, which signs the
 * canonical trailer ({@code name:value\n}, names lower-case, values trimmed) chained after the final chunk.
 */
final class TrailerReader {
    static final String SIGNATURE_NAME = "x-amz-trailer-signature";
    private static final int MAX_LINE = 256;
    /** The checksum and the signature; a few more only to say clearly what is wrong. */
    private static final int MAX_LINES = 8;
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final WireReader wire;
    private final ChecksumAlgorithm declared;
    private final Optional<ChunkSignatureChain> chain;

    TrailerReader(WireReader wire, ChecksumAlgorithm declared, Optional<ChunkSignatureChain> chain) {
        this.wire = requireNonNull(wire, "wire is null");
        this.declared = requireNonNull(declared, "declared is null");
        this.chain = requireNonNull(chain, "chain is null");
    }

    private record Field(String name, String value) {}

    /** @return the checksum's base64 value, which decodes to the algorithm's length */
    String read() throws IOException {
        List<Field> fields = readFields();
        Optional<String> signature = Optional.empty();
        if (chain.isPresent()) {
            Field last = fields.isEmpty() ? null : fields.removeLast();
            if (last == null || !last.name().equals(SIGNATURE_NAME)
                    || last.value().length() != SIGNATURE_HEX_LENGTH) {
                throw malformed("the trailer does not end with " + SIGNATURE_NAME + ":<64 hex digits>");
            }
            signature = Optional.of(last.value());
        }
        String value = null;
        StringBuilder canonical = new StringBuilder();
        for (Field field : fields) {
            if (!field.name().equals(declared.headerName()) || value != null) {
                throw malformed("unexpected trailer '" + field.name() + "': x-amz-trailer declares "
                        + declared.headerName() + " alone");
            }
            value = field.value();
            canonical.append(field.name()).append(':').append(field.value()).append('\n');
        }
        if (value == null) {
            throw malformed("the trailer lacks the declared " + declared.headerName());
        }
        if (signature.isPresent()) {
            byte[] digest = Crypto.sha256().digest(canonical.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!chain.orElseThrow().verifyTrailer(digest, WireReader.ascii(signature.get()))) {
                throw new PayloadVerificationException(S3Errors.chunkSignatureMismatch(
                        "trailer signature, canonical trailer " + WireReader.quote(canonical.toString())));
            }
        }
        if (!decodesTo(value, declared.digestLength())) {
            throw new PayloadVerificationException(S3Errors.invalidChecksumTrailer(declared.headerName()));
        }
        return value;
    }

    private List<Field> readFields() throws IOException {
        List<Field> fields = new ArrayList<>(2);
        while (true) {
            String line = wire.readLine(MAX_LINE, "the trailer", S3Errors::malformedTrailer);
            if (line.isEmpty()) {
                return fields;
            }
            if (fields.size() == MAX_LINES) {
                throw malformed("more than " + MAX_LINES + " trailer lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("trailer line " + WireReader.quote(line) + " is not 'name:value'");
            }
            fields.add(new Field(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip()));
        }
    }

    static boolean decodesTo(String base64, int length) {
        try {
            return Base64.getDecoder().decode(base64).length == length;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PayloadVerificationException malformed(String detail) {
        return new PayloadVerificationException(S3Errors.malformedTrailer(detail));
    }
}
