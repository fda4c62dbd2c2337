package dev.lanyard.saml;

import java.util.Optional;

/**
 * Block ciphers an {@code EncryptedAssertion} may use. Triple-DES is absent. The CBC modes are here because AD FS and
 * older Okta tenants use them; an operator who can require GCM should drop them (CBC without a signature over the
 * ciphertext is the classic XML-Encryption padding-oracle target; every decryption failure gives one message).
 */
public enum DataEncryptionAlgorithm {
    AES128_GCM("http://www.w3.org/2009/xmlenc11#aes128-gcm", 16, true),
    AES192_GCM("http://www.w3.org/2009/xmlenc11#aes192-gcm", 24, true),
    AES256_GCM("http://www.w3.org/2009/xmlenc11#aes256-gcm", 32, true),
    AES128_CBC("http://www.w3.org/2001/04/xmlenc#aes128-cbc", 16, false),
    AES192_CBC("http://www.w3.org/2001/04/xmlenc#aes192-cbc", 24, false),
    AES256_CBC("http://www.w3.org/2001/04/xmlenc#aes256-cbc", 32, false);

    private final String uri;
    private final int keyBytes;
    private final boolean gcm;

    DataEncryptionAlgorithm(String uri, int keyBytes, boolean gcm) {
        this.uri = uri;
        this.keyBytes = keyBytes;
        this.gcm = gcm;
    }

    public String uri() {
        return uri;
    }

    public int keyBytes() {
        return keyBytes;
    }

    public boolean gcm() {
        return gcm;
    }

    public static Optional<DataEncryptionAlgorithm> fromUri(String uri) {
        for (DataEncryptionAlgorithm algorithm : values()) {
            if (algorithm.uri.equals(uri)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
