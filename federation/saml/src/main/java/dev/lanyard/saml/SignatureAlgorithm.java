package dev.lanyard.saml;

import java.util.Optional;

/**
 * XML Signature algorithms a SAML signature may use. SHA-1, MD5, DSA and every HMAC are absent on purpose: they can
 * never be configured, so no signature made with them verifies.
 */
public enum SignatureAlgorithm {
    RSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
    RSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"),
    RSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"),
    ECDSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"),
    ECDSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"),
    ECDSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");

    private final String uri;

    SignatureAlgorithm(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<SignatureAlgorithm> fromUri(String uri) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.uri.equals(uri)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
