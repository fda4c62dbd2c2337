package dev.lanyard.tokens.internal;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.tokens.TokenKey;
import dev.lanyard.tokens.TokenKeyset;
import dev.lanyard.tokens.TokenRejectedException;
import dev.lanyard.tokens.TokenRejectionReason;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * The binary token: {@code version (1) || keyId (4, big-endian) || nonce (12) || AES-256-GCM(body) || tag (16)}.
 * The associated data is the 17-byte header followed by the access key id's ASCII bytes, so the version and key id
 * are authenticated and a token only opens next to the access key id it was issued with.
 */
public final class TokenEnvelope {
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 1 + 4 + AesGcm.NONCE_BYTES;
    public static final int OVERHEAD_BYTES = HEADER_BYTES + AesGcm.TAG_BYTES;

    private TokenEnvelope() {}

    public static int sealedLength(int bodyLength) {
        return OVERHEAD_BYTES + bodyLength;
    }

    public static byte[] seal(TokenKey key, byte[] body, int bodyLength, AccessKeyId accessKeyId, SecureRandom rnd,
            CipherPool ciphers) {
        byte[] token = new byte[sealedLength(bodyLength)];
        token[0] = VERSION;
        int keyId = key.keyId();
        token[1] = (byte) (keyId >>> 24);
        token[2] = (byte) (keyId >>> 16);
        token[3] = (byte) (keyId >>> 8);
        token[4] = (byte) keyId;
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        rnd.nextBytes(nonce);
        System.arraycopy(nonce, 0, token, 5, AesGcm.NONCE_BYTES);
        Cipher cipher = ciphers.take();
        AesGcm.init(cipher, Cipher.ENCRYPT_MODE, key.material(), token, 5);
        try {
            cipher.updateAAD(associatedData(token, accessKeyId));
            cipher.doFinal(body, 0, bodyLength, token, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        ciphers.give(cipher);
        return token;
    }

    /** The decrypted body, or a {@link TokenRejectedException} naming the first check that failed. */
    public static byte[] open(byte[] token, TokenKeyset keyset, AccessKeyId accessKeyId, CipherPool ciphers) {
        if (token.length < OVERHEAD_BYTES) {
            throw new TokenRejectedException(TokenRejectionReason.MALFORMED);
        }
        if (token[0] != VERSION) {
            throw new TokenRejectedException(TokenRejectionReason.UNKNOWN_VERSION);
        }
        int keyId = ((token[1] & 0xFF) << 24) | ((token[2] & 0xFF) << 16) | ((token[3] & 0xFF) << 8)
                | (token[4] & 0xFF);
        TokenKey key = keyset.unsealingKey(keyId)
                .orElseThrow(() -> new TokenRejectedException(TokenRejectionReason.UNKNOWN_KEY));
        Cipher cipher = ciphers.take();
        AesGcm.init(cipher, Cipher.DECRYPT_MODE, key.material(), token, 5);
        byte[] body;
        try {
            cipher.updateAAD(associatedData(token, accessKeyId));
            body = cipher.doFinal(token, HEADER_BYTES, token.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            // doFinal has reset the cipher: it can serve the next token.
            ciphers.give(cipher);
            throw new TokenRejectedException(TokenRejectionReason.AUTHENTICATION_FAILED);
        } catch (GeneralSecurityException e) {
            throw new TokenRejectedException(TokenRejectionReason.AUTHENTICATION_FAILED);
        }
        ciphers.give(cipher);
        return body;
    }

    /** One array, one AAD update: the header then the access key id (word characters, so ASCII). */
    private static byte[] associatedData(byte[] token, AccessKeyId accessKeyId) {
        String id = accessKeyId.value();
        byte[] aad = new byte[HEADER_BYTES + id.length()];
        System.arraycopy(token, 0, aad, 0, HEADER_BYTES);
        for (int i = 0; i < id.length(); i++) {
            aad[HEADER_BYTES + i] = (byte) id.charAt(i);
        }
        return aad;
    }
}
