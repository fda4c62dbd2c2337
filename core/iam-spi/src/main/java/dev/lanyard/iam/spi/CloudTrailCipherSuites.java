package dev.lanyard.iam.spi;

import java.util.Map;

/**
 * Cipher suites as CloudTrail's {@code tlsDetails.cipherSuite} spells them: OpenSSL's names for TLS 1.2 and earlier
 * ({@code ECDHE-RSA-AES128-GCM-SHA256}), the IANA names for TLS 1.3 ({@code TLS_AES_128_GCM_SHA256}, which OpenSSL
 * uses too). The JDK reports IANA names; this table holds every TLS 1.2 suite the JDK supports and the RSA key
 * exchange ones it used to, checked against OpenSSL's own list in the test. A name not in it is written as the JDK gave
 * it (no guessed spelling in an audit record).
 */
final class CloudTrailCipherSuites {
    private static final Map<String, String> OPENSSL_NAMES = Map.ofEntries(
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE-DSS-AES256-GCM-SHA384"),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DHE-DSS-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256"),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DHE-DSS-AES256-SHA256"),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE-DSS-AES128-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA"),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DHE-DSS-AES256-SHA"),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE-DSS-AES128-SHA"),
            Map.entry("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"),
            Map.entry("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"));

    private CloudTrailCipherSuites() {
    }

    /** CloudTrail's spelling of the suite the JDK names {@code ianaName}. */
    static String of(String ianaName) {
        return OPENSSL_NAMES.getOrDefault(ianaName, ianaName);
    }
}
