package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretBytes;
import dev.lanyard.tokens.internal.AesGcm;
import dev.lanyard.tokens.internal.MalformedDataException;
import dev.lanyard.tokens.internal.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key that protects everything secret at rest: token keysets, IAM secret access keys, TOTP seeds,
 * private keys.
 *
 * <p>Sealed form: {@code version (1) = 2 || key id (8) || nonce (12) || AES-256-GCM ciphertext || tag (16)}. The key
 * id ({@link MasterKeyId}) says which of a node's master keys opens it, so keys can be rotated while data sealed under
 * the old one is still around. The associated data names the purpose and the row (e.g.
 * {@code "iam-secret-key:AKIA…"}), so a ciphertext moved to another row or purpose does not open; the version byte and
 * the key id are authenticated too, as the first bytes of the associated data. Version 1, written before keys had
 * ids, is the same without the key id; it is still opened, never written.
 *
 * <p>Random nonces: data at rest is sealed far fewer than 2<sup>32</sup> times per master key, the NIST SP 800-38D
 * bound that keeps the nonce-collision probability below 2<sup>-32</sup>.
 */
public final class MasterKey implements Sealer {
    public static final int KEY_BYTES = 32;
    static final int LEGACY_VERSION = 1;
    static final int VERSION = 2;
    private static final int LEGACY_HEADER_BYTES = 1 + AesGcm.NONCE_BYTES;
    static final int HEADER_BYTES = 1 + MasterKeyId.BYTES + AesGcm.NONCE_BYTES;
    private static final byte[] ID_LABEL = "lanyard-master-key-id".getBytes(StandardCharsets.US_ASCII);

    private final SecretBytes key;
    private final MasterKeyId id;
    private final SecureRandom rnd;

    private MasterKey(SecretBytes key, SecureRandom rnd) {
        this.key = key;
        this.id = idOf(key);
        this.rnd = rnd;
    }

    private static MasterKeyId idOf(SecretBytes key) {
        byte[] raw = key.reveal();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            return MasterKeyId.of(mac.doFinal(ID_LABEL), 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Which key this is; what sealed data names. Not secret. */
    public MasterKeyId id() {
        return id;
    }

    public static MasterKey generate(SecureRandom rnd) {
        requireNonNull(rnd, "rnd is null");
        return new MasterKey(SecretBytes.random(KEY_BYTES, rnd), rnd);
    }

    /**
     * A master key from its Base64 form (surrounding whitespace, such as a key file's final newline, is ignored), drawing
     * its nonces from {@code rnd}.
     *
     * @throws IllegalArgumentException if it is not canonical, padded Base64 of exactly 32 bytes; the message never
     *     quotes the input
     */
    public static MasterKey fromBase64(String encoded, SecureRandom rnd) {
        requireNonNull(encoded, "encoded is null");
        requireNonNull(rnd, "rnd is null");
        byte[] raw;
        try {
            raw = StrictBase64.decode(encoded.strip());
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException("master key is not canonical padded base64");
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new IllegalArgumentException("master key must be " + KEY_BYTES + " bytes, got " + raw.length);
            }
            return new MasterKey(SecretBytes.copyOf(raw), rnd);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** For writing the 0600 key file only. */
    public String toBase64() {
        byte[] raw = key.reveal();
        try {
            return Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(associatedData, "associatedData is null");
        byte[] sealed = new byte[HEADER_BYTES + plaintext.length + AesGcm.TAG_BYTES];
        sealed[0] = VERSION;
        System.arraycopy(id.bytes(), 0, sealed, 1, MasterKeyId.BYTES);
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        rnd.nextBytes(nonce);
        int nonceAt = 1 + MasterKeyId.BYTES;
        System.arraycopy(nonce, 0, sealed, nonceAt, nonce.length);
        Cipher cipher = AesGcm.cipher(Cipher.ENCRYPT_MODE, key, sealed, nonceAt);
        try {
            cipher.updateAAD(sealed, 0, nonceAt);
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return sealed;
    }

    /**
     * Opens what {@link #encrypt} sealed with the same associated data.
     *
     * @throws SealedDataException if it is truncated, of an unknown version, tampered with, bound to other associated
     *     data, or sealed under another master key
     */
    @Override
    public byte[] decrypt(byte[] sealed, byte[] associatedData) throws SealedDataException {
        requireNonNull(sealed, "sealed is null");
        requireNonNull(associatedData, "associatedData is null");
        int header = switch (version(sealed)) {
            case -1 -> throw new SealedDataException("sealed data is truncated");
            case LEGACY_VERSION -> LEGACY_HEADER_BYTES;
            case VERSION -> HEADER_BYTES;
            default -> throw new SealedDataException("sealed data has unknown version " + version(sealed));
        };
        if (sealed.length < header + AesGcm.TAG_BYTES) {
            throw new SealedDataException("sealed data is truncated");
        }
        if (header == HEADER_BYTES && !id.equals(MasterKeyId.of(sealed, 1))) {
            throw new SealedDataException("sealed data is sealed under master key " + MasterKeyId.of(sealed, 1)
                    + ", not " + id);
        }
        int nonceAt = header - AesGcm.NONCE_BYTES;
        Cipher cipher = AesGcm.cipher(Cipher.DECRYPT_MODE, key, sealed, nonceAt);
        try {
            cipher.updateAAD(sealed, 0, nonceAt);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, header, sealed.length - header);
        } catch (AEADBadTagException e) {
            throw new SealedDataException("sealed data does not authenticate (wrong key, data or associated data)");
        } catch (GeneralSecurityException e) {
            throw new SealedDataException("sealed data could not be opened", e);
        }
    }

    /** The format version of sealed data, or -1 when there is not even a version byte. */
    static int version(byte[] sealed) {
        return sealed.length == 0 ? -1 : sealed[0] & 0xFF;
    }

    /**
     * The key that sealed this, when it says so (version 2, long enough to be sealed data); empty for data sealed
     * before keys had ids and for anything that is not sealed data at all.
     */
    public static Optional<MasterKeyId> sealedBy(byte[] sealed) {
        requireNonNull(sealed, "sealed is null");
        return version(sealed) == VERSION && sealed.length >= HEADER_BYTES + AesGcm.TAG_BYTES
                ? Optional.of(MasterKeyId.of(sealed, 1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", REDACTED]";
    }
}
