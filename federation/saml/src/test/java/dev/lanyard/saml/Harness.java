package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.iam.spi.federation.SamlProviderTrust.EncryptionMode;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/** An openssl-made IdP key, xmlsec1 to sign with, and verifiers whose clock is {@link ResponseBuilder#NOW}. */
final class Harness {
    final Path directory;
    final XmlSec1 xmlsec;
    final TestKey idp;

    Harness(Path directory) {
        this.directory = directory;
        this.xmlsec = new XmlSec1(directory);
        this.idp = TestKey.rsa(directory, "idp");
    }

    String signed(ResponseBuilder response) {
        return signed(response, idp);
    }

    String signed(ResponseBuilder response, TestKey key) {
        return xmlsec.sign(response.render(), key, response.signAssertion, response.signResponse);
    }

    static SamlProviderTrust trust(List<X509Certificate> certificates) {
        return trust(certificates, List.of(), EncryptionMode.ALLOWED);
    }

    static SamlProviderTrust trust(List<X509Certificate> certificates, List<PrivateKey> keys, EncryptionMode mode) {
        return new SamlProviderTrust(ResponseBuilder.PROVIDER_ARN, "ExampleIdP", "123456789012",
                ResponseBuilder.ISSUER, certificates, Optional.empty(), keys, mode, List.of());
    }

    SamlProviderTrust trust() {
        return trust(List.of(idp.certificate()));
    }

    static XmlSecSamlVerifier verifier() {
        return verifier(ResponseBuilder.NOW);
    }

    static XmlSecSamlVerifier verifier(Instant now) {
        return new XmlSecSamlVerifier(InstantSource.fixed(now));
    }

    VerifiedSamlAssertion verify(String xml) {
        return verifier().verify(XmlSec1.base64(xml), trust());
    }

    AwsException refusal(String xml) {
        return refusal(XmlSec1.base64(xml), trust(), ResponseBuilder.NOW);
    }

    static AwsException refusal(String base64, SamlProviderTrust trust, Instant now) {
        AwsException refused = catchThrowableOfType(AwsException.class, () -> verifier(now).verify(base64, trust));
        assertThat(refused).as("the response must be refused").isNotNull();
        List<FederationCheck> checks = verifier(now).explain(base64, trust);
        assertThat(checks).as("explain ends with the failed check").isNotEmpty();
        FederationCheck last = checks.getLast();
        assertThat(last.passed()).isFalse();
        assertThat(refused.operatorDetail()).startsWith(last.name() + ": ");
        assertThat(checks.subList(0, checks.size() - 1)).allMatch(FederationCheck::passed);
        return refused;
    }

    static void assertRefused(AwsException refused, ErrorCode code, String message, String check) {
        assertThat(refused.errorCode()).isEqualTo(code);
        assertThat(refused.getMessage()).isEqualTo(message);
        assertThat(refused.operatorDetail()).startsWith(check + ": ");
    }
}
