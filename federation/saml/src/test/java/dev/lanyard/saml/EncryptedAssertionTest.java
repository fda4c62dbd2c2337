package dev.lanyard.saml;

import static dev.lanyard.saml.Harness.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.iam.spi.federation.SamlProviderTrust.EncryptionMode;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EncryptedAssertion as AWS supports it (AssertionEncryptionMode Allowed/Required, the provider's private keys),
 * encrypted by xmlsec1 (AES-GCM and AES-CBC, RSA-OAEP) and by Santuario's XMLCipher (XML Encryption 1.1 RSA-OAEP
 * with SHA-256, EncryptedKey beside the EncryptedData).
 */
class EncryptedAssertionTest {
    private static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    private static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";

    @TempDir
    static Path directory;
    static Harness harness;
    static TestKey sp;
    static TestKey oldSp;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
        sp = TestKey.rsa(directory, "sp");
        oldSp = TestKey.rsa(directory, "sp-old");
    }

    static ResponseBuilder encryptedResponse() {
        ResponseBuilder response = new ResponseBuilder();
        response.encrypted = true;
        return response;
    }

    static SamlProviderTrust trust(EncryptionMode mode, TestKey... keys) {
        return Harness.trust(List.of(harness.idp.certificate()),
                java.util.Arrays.stream(keys).map(TestKey::privateKey).toList(), mode);
    }

    @Test
    void xmlsec1AesGcmDecryptsAndVerifies() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES256_GCM, "aes-256");

        var verified = Harness.verifier().verify(XmlSec1.base64(xml), trust(EncryptionMode.REQUIRED, sp));

        assertThat(verified.nameId()).isEqualTo("alice@example.com");
        assertThat(Harness.verifier().explain(XmlSec1.base64(xml), trust(EncryptionMode.REQUIRED, sp)))
                .anyMatch(check -> check.name().equals("decryption") && check.detail().contains("AES256_GCM"));
    }

    @Test
    void xmlsec1AesCbcDecryptsAndVerifies() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES128_CBC, "aes-128");

        assertThat(Harness.verifier().verify(XmlSec1.base64(xml), trust(EncryptionMode.ALLOWED, sp)).roles())
                .hasSize(1);
    }

    @Test
    void santuarioOaep11WithSiblingEncryptedKeyDecrypts() throws Exception {
        String xml = SantuarioEncryption.encrypt(harness.signed(encryptedResponse()), sp.certificate());

        assertThat(Harness.verifier().verify(XmlSec1.base64(xml), trust(EncryptionMode.REQUIRED, sp)).nameId())
                .isEqualTo("alice@example.com");
    }

    @Test
    void decryptionKeyRotationTriesEveryKey() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES256_GCM, "aes-256");

        assertThat(Harness.verifier().verify(XmlSec1.base64(xml), trust(EncryptionMode.REQUIRED, oldSp, sp))
                .nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void signedResponseCoversAnUnsignedEncryptedAssertion() {
        ResponseBuilder response = encryptedResponse();
        response.signAssertion = false;
        String encrypted = harness.xmlsec.encrypt(response.render(), sp, AES256_GCM, "aes-256");
        String template = encrypted.replace("</saml:Issuer><samlp:Status>", "</saml:Issuer>"
                + response.signatureTemplate(response.responseId) + "<samlp:Status>");
        String xml = harness.xmlsec.signNode(template, harness.idp, "/*/*[local-name()='Signature']");

        assertThat(Harness.verifier().verify(XmlSec1.base64(xml), trust(EncryptionMode.REQUIRED, sp)).nameId())
                .isEqualTo("alice@example.com");
    }

    @Test
    void unsignedEncryptedAssertionIsRefused() {
        ResponseBuilder response = encryptedResponse();
        response.signAssertion = false;
        String xml = harness.xmlsec.encrypt(response.render(), sp, AES256_GCM, "aes-256");

        assertRefused(refusal(xml, trust(EncryptionMode.REQUIRED, sp)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response signature invalid", "signature");
    }

    @Test
    void requiredModeRefusesPlainAssertions() {
        assertRefused(refusal(harness.signed(new ResponseBuilder()), trust(EncryptionMode.REQUIRED, sp)),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Response must contain an encrypted assertion", "decryption");
    }

    @Test
    void allowedModeAcceptsPlainAssertions() {
        assertThat(Harness.verifier().verify(XmlSec1.base64(harness.signed(new ResponseBuilder())),
                trust(EncryptionMode.ALLOWED, sp)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void noPrivateKeyCannotDecrypt() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES256_GCM, "aes-256");

        assertRefused(refusal(xml, trust(EncryptionMode.ALLOWED)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response could not be decrypted", "decryption");
    }

    @Test
    void wrongPrivateKeyCannotDecrypt() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES256_GCM, "aes-256");

        AwsException refused = refusal(xml, trust(EncryptionMode.REQUIRED, oldSp));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response could not be decrypted", "decryption");
        assertThat(refused.operatorDetail()).contains("none of the provider's 1 private keys");
    }

    @Test
    void tamperedCiphertextGivesTheSameAnswerInEitherMode() {
        for (String[] mode : new String[][] {{AES256_GCM, "aes-256"}, {AES128_CBC, "aes-128"}}) {
            String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, mode[0], mode[1]);
            String attack = flipCipherByte(xml);

            assertRefused(refusal(attack, trust(EncryptionMode.REQUIRED, sp)), ErrorCode.INVALID_IDENTITY_TOKEN,
                    "Response could not be decrypted", "decryption");
        }
    }

    @Test
    void pkcs1KeyTransportIsRefused() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES256_GCM, "aes-256")
                .replace("xmlenc#rsa-oaep-mgf1p", "xmlenc#rsa-1_5");

        AwsException refused = refusal(xml, trust(EncryptionMode.REQUIRED, sp));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response could not be decrypted", "decryption");
        assertThat(refused.operatorDetail()).contains("RSA-OAEP only");
    }

    @Test
    void cbcCanBeSwitchedOff() {
        String xml = harness.xmlsec.encrypt(harness.signed(encryptedResponse()), sp, AES128_CBC, "aes-128");
        XmlSecSamlVerifier gcmOnly = new XmlSecSamlVerifier(SamlVerifierConfig.defaults().withEncryptionAlgorithms(
                EnumSet.of(DataEncryptionAlgorithm.AES128_GCM, DataEncryptionAlgorithm.AES256_GCM)),
                InstantSource.fixed(ResponseBuilder.NOW));

        AwsException refused = org.assertj.core.api.Assertions.catchThrowableOfType(AwsException.class,
                () -> gcmOnly.verify(XmlSec1.base64(xml), trust(EncryptionMode.REQUIRED, sp)));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response could not be decrypted", "decryption");
        assertThat(refused.operatorDetail()).contains("aes128-cbc is not accepted");
    }

    private static AwsException refusal(String xml, SamlProviderTrust trust) {
        return Harness.refusal(XmlSec1.base64(xml), trust, ResponseBuilder.NOW);
    }

    /** Flips one bit in the middle of the content CipherValue (the last CipherValue in the document). */
    private static String flipCipherByte(String xml) {
        int start = xml.lastIndexOf("<xenc:CipherValue>") + 18;
        int end = xml.indexOf("</xenc:CipherValue>", start);
        byte[] cipher = Base64.getMimeDecoder().decode(xml.substring(start, end));
        cipher[cipher.length / 2] ^= 0x01;
        return xml.substring(0, start) + Base64.getEncoder().encodeToString(cipher) + xml.substring(end);
    }
}
