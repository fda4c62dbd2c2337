package dev.lanyard.tokens.internal;

import dev.lanyard.aws.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM through the JCA with a 96-bit nonce and a 128-bit tag; the only place a {@link Cipher} is made. */
public final class AesGcm {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private AesGcm() {}

    /**
     * A fresh cipher initialised for {@code mode} with the nonce at {@code nonce[nonceOffset..+12]}. Instances are not
     * thread-safe; hot paths reuse them through a {@link CipherPool} and {@link #init} instead.
     */
    public static Cipher cipher(int mode, SecretBytes key, byte[] nonce, int nonceOffset) {
        Cipher cipher = newCipher();
        init(cipher, mode, key, nonce, nonceOffset);
        return cipher;
    }

    /** An uninitialised AES/GCM cipher. */
    public static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            // Every JDK ships AES/GCM: this is a broken runtime.
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * (Re)initialises {@code cipher}, which drops any state of its previous use. Given the key it last used, the JDK
     * keeps its AES key schedule, which is most of what a fresh cipher costs besides {@link Cipher#getInstance}. For
     * encryption the JDK refuses the key and nonce of the previous encryption (an {@link IllegalStateException} here).
     */
    public static void init(Cipher cipher, int mode, SecretBytes key, byte[] nonce, int nonceOffset) {
        byte[] raw = key.reveal();
        try {
            cipher.init(mode, new SecretKeySpec(raw, "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOffset, NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            // The key length is validated on construction and the nonce is always fresh for encryption.
            throw new IllegalStateException("AES-GCM could not be initialised", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
