package dev.lanyard.saml;

import java.util.Optional;

/** Reference digest algorithms. SHA-1 and MD5 are absent on purpose. */
public enum DigestAlgorithm {
    SHA256("http://www.w3.org/2001/04/xmlenc#sha256"),
    SHA384("http://www.w3.org/2001/04/xmldsig-more#sha384"),
    SHA512("http://www.w3.org/2001/04/xmlenc#sha512");

    private final String uri;

    DigestAlgorithm(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<DigestAlgorithm> fromUri(String uri) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.uri.equals(uri)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
