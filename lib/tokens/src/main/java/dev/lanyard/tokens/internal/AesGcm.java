package dev.lanyard.tokens.internal;

import dev.lanyard.tokens.SecretBytes;
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
     * A cipher initialised for {@code mode} with the nonce at {@code nonce[nonceOffset..+12]}. A fresh {@link Cipher}
     * each time: instances are not thread-safe, and GCM refuses to re-encrypt with the same key and nonce.
     */
    public static Cipher cipher(int mode, SecretBytes key, byte[] nonce, int nonceOffset) {
        byte[] raw = key.reveal();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, new SecretKeySpec(raw, "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOffset, NONCE_BYTES));
            return cipher;
        } catch (GeneralSecurityException e) {
            // Every JDK ships AES/GCM and the key length is validated on construction: this is a broken runtime.
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
