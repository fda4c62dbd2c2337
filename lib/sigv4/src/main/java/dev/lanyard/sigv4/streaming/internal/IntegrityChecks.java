package dev.lanyard.sigv4.streaming.internal;

import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.S3Errors;
import dev.lanyard.sigv4.streaming.Checksum;
import dev.lanyard.sigv4.streaming.ChecksumAlgorithm;
import dev.lanyard.sigv4.streaming.PayloadMode;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole-payload promises of {@link PayloadRules}: the decoded length (checked as bytes arrive, so a body longer
 * than declared fails at once), and at the end the payload's SHA-256, its checksum (header or trailer) and its
 * Content-MD5. One per payload, fed the decoded bytes in order.
 */
public final class IntegrityChecks {
    private final PayloadRules rules;
    private final ChecksumCalculator checksum;
    private final MessageDigest md5;
    private final MessageDigest sha256;
    private long received;

    public IntegrityChecks(PayloadRules rules) {
        this.rules = rules;
        Optional<ChecksumAlgorithm> algorithm =
                rules.headerChecksum().map(Checksum::algorithm).or(rules::trailerChecksum);
        this.checksum = algorithm.map(ChecksumCalculator::of).orElse(null);
        this.md5 = rules.contentMd5().isPresent() ? ChecksumCalculator.messageDigest("MD5") : null;
        this.sha256 = rules.mode() == PayloadMode.SIGNED_PAYLOAD ? Crypto.sha256() : null;
    }

    /** Called before {@code length} more bytes are taken in: refuses them if they exceed the declared length. */
    public void expect(long length) throws PayloadVerificationException {
        if (rules.decodedLength().isPresent() && length > rules.decodedLength().getAsLong() - received) {
            throw new PayloadVerificationException(S3Errors.lengthMismatch("more than the declared "
                    + rules.decodedLength().getAsLong() + " bytes"));
        }
    }

    public void update(byte[] bytes, int offset, int length) throws PayloadVerificationException {
        expect(length);
        received += length;
        if (checksum != null) {
            checksum.update(bytes, offset, length);
        }
        if (md5 != null) {
            md5.update(bytes, offset, length);
        }
        if (sha256 != null) {
            sha256.update(bytes, offset, length);
        }
    }

    public long received() {
        return received;
    }

    /**
     * The end-of-payload checks, in the order of what they protect: length, the signed SHA-256, the checksum, the MD5.
     *
     * @param trailerValue the base64 checksum the trailer carried (trailer modes), already checked to decode
     * @return the checksum verified, if the request carried one
     */
    public Optional<Checksum> finish(Optional<String> trailerValue) throws PayloadVerificationException {
        if (rules.decodedLength().isPresent() && received != rules.decodedLength().getAsLong()) {
            throw new PayloadVerificationException(S3Errors.lengthMismatch(
                    "received " + received + " of the declared " + rules.decodedLength().getAsLong() + " bytes"));
        }
        if (sha256 != null) {
            String computed = Crypto.hex(sha256.digest());
            String declared = rules.payloadHash().toLowerCase(Locale.ROOT);
            if (!computed.equals(declared)) {
                throw new PayloadVerificationException(S3Errors.contentSha256Mismatch(declared, computed));
            }
        }
        Optional<Checksum> verified = Optional.empty();
        if (checksum != null) {
            Checksum declared = rules.headerChecksum()
                    .orElseGet(() -> new Checksum(checksum.algorithm(), trailerValue.orElseThrow()));
            byte[] computed = checksum.value();
            if (!MessageDigest.isEqual(computed, Base64.getDecoder().decode(declared.base64()))) {
                throw new PayloadVerificationException(S3Errors.checksumMismatch(
                        declared.algorithm().s3Name(), declared.base64(), base64(computed)));
            }
            verified = Optional.of(new Checksum(declared.algorithm(), base64(computed)));
        }
        if (md5 != null) {
            byte[] computed = md5.digest();
            String declared = rules.contentMd5().orElseThrow();
            if (!MessageDigest.isEqual(computed, Base64.getDecoder().decode(declared))) {
                throw new PayloadVerificationException(S3Errors.contentMd5Mismatch(declared, base64(computed)));
            }
        }
        return verified;
    }

    private static String base64(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }
}
