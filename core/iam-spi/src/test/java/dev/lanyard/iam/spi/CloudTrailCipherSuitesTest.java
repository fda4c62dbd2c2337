package dev.lanyard.iam.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** CloudTrail's cipher names, checked against OpenSSL's own list for every suite the JDK would negotiate. */
class CloudTrailCipherSuitesTest {
    /** OpenSSL's name of each IANA suite, from {@code openssl ciphers -stdname} (the test resource). */
    private static Map<String, String> opensslNames() throws IOException {
        Map<String, String> names = new HashMap<>();
        try (InputStream in = CloudTrailCipherSuitesTest.class.getResourceAsStream("/openssl-cipher-names.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] columns = line.strip().split(" ");
                    names.put(columns[0], columns[1]);
                }
            }
        }
        return names;
    }

    private static List<String> suites(boolean onlyEnabledByDefault) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        String[] suites = onlyEnabledByDefault ? context.getDefaultSSLParameters().getCipherSuites()
                : context.getSupportedSSLParameters().getCipherSuites();
        // the renegotiation signal is never negotiated
        return Arrays.stream(suites).filter(s -> !s.endsWith("_SCSV")).toList();
    }

    @Test
    void everySuiteTheJdkEnablesByDefaultIsSpelledAsOpenSslAndCloudTrailSpellIt() throws Exception {
        Map<String, String> openssl = opensslNames();
        List<String> enabled = suites(true);
        assertThat(enabled).contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        for (String suite : enabled) {
            assertThat(openssl).as("OpenSSL knows %s", suite).containsKey(suite);
            assertThat(CloudTrailCipherSuites.of(suite)).as(suite).isEqualTo(openssl.get(suite));
        }
    }

    @Test
    void everySuiteTheJdkSupportsHasOpenSslsName() throws Exception {
        Map<String, String> openssl = opensslNames();
        for (String suite : suites(false)) {
            assertThat(CloudTrailCipherSuites.of(suite)).as(suite).isEqualTo(openssl.getOrDefault(suite, suite));
        }
    }

    @Test
    void theRecordsOfCloudTrailsDocumentation() {
        assertThat(CloudTrailCipherSuites.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(CloudTrailCipherSuites.of("TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void aSuiteOutsideTheTableIsWrittenAsTheJdkNamedIt() {
        assertThat(CloudTrailCipherSuites.of("TLS_ECDH_anon_WITH_AES_128_CBC_SHA"))
                .isEqualTo("TLS_ECDH_anon_WITH_AES_128_CBC_SHA");
    }

    @Test
    void tlsDetailsCarryTheVersionAsTheJdkNamesItAndTheSuiteInCloudTrailsSpelling() {
        AuditEvent.TlsDetails details = AuditEvent.TlsDetails.of(Optional.of(new NegotiatedTls("TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")), Optional.of("sts.example.com"));
        assertThat(details).isEqualTo(new AuditEvent.TlsDetails(Optional.of("TLSv1.2"),
                Optional.of("ECDHE-ECDSA-AES256-GCM-SHA384"), Optional.of("sts.example.com")));
        assertThat(AuditEvent.TlsDetails.of(Optional.empty(), Optional.of("h"))).isEqualTo(new AuditEvent.TlsDetails(
                Optional.empty(), Optional.empty(), Optional.of("h")));
    }
}
