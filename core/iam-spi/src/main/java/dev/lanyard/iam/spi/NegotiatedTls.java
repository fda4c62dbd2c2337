package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

/**
 * What a client's own TLS connection to a listener negotiated, as the JDK names it: the protocol ({@code TLSv1.3}) and
 * the IANA name of the cipher suite. The audit trail writes the suite in CloudTrail's spelling.
 */
public record NegotiatedTls(String protocol, String cipherSuite) {
    public NegotiatedTls {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(cipherSuite, "cipherSuite is null");
    }
}
