package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import dev.lanyard.tokens.internal.AesGcm;
import dev.lanyard.tokens.internal.MalformedDataException;
import dev.lanyard.tokens.internal.StrictBase64;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * The key-encryption key that protects everything secret at rest: token keysets, IAM secret access keys, TOTP seeds.
 *
 * <p>Sealed form: {@code version (1) || nonce (12) || AES-256-GCM ciphertext || tag (16)}. The associated data names
 * the purpose and the row (e.g. {@code "iam-secret-key:AKIA…"}), so a ciphertext moved to another row or purpose does
 * not open. The version byte is authenticated too, as the first byte of the associated data.
 *
 * <p>Random nonces: data at rest is sealed far fewer than 2<sup>32</sup> times per master key, the NIST SP 800-38D
 * bound that keeps the nonce-collision probability below 2<sup>-32</sup>.
 */
public final class MasterKey {
    public static final int KEY_BYTES = 32;
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 1 + AesGcm.NONCE_BYTES;

    private final SecretBytes key;
    private final SecureRandom rnd;

    private MasterKey(SecretBytes key, SecureRandom rnd) {
        this.key = key;
        this.rnd = rnd;
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

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(associatedData, "associatedData is null");
        byte[] sealed = new byte[HEADER_BYTES + plaintext.length + AesGcm.TAG_BYTES];
        sealed[0] = VERSION;
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        rnd.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, 1, nonce.length);
        Cipher cipher = AesGcm.cipher(Cipher.ENCRYPT_MODE, key, sealed, 1);
        try {
            cipher.updateAAD(sealed, 0, 1);
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
    public byte[] decrypt(byte[] sealed, byte[] associatedData) throws SealedDataException {
        requireNonNull(sealed, "sealed is null");
        requireNonNull(associatedData, "associatedData is null");
        if (sealed.length < HEADER_BYTES + AesGcm.TAG_BYTES) {
            throw new SealedDataException("sealed data is truncated");
        }
        if (sealed[0] != VERSION) {
            throw new SealedDataException("sealed data has unknown version " + (sealed[0] & 0xFF));
        }
        Cipher cipher = AesGcm.cipher(Cipher.DECRYPT_MODE, key, sealed, 1);
        try {
            cipher.updateAAD(sealed, 0, 1);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealedDataException("sealed data does not authenticate (wrong key, data or associated data)");
        } catch (GeneralSecurityException e) {
            throw new SealedDataException("sealed data could not be opened", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[REDACTED]";
    }
}
