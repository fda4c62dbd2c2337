package dev.lanyard.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** A key pair and self-signed certificate made by {@code openssl}, as files (for xmlsec1) and as JCA objects. */
record TestKey(Path keyPem, Path certPem, PrivateKey privateKey, X509Certificate certificate) {

    static TestKey rsa(Path directory, String name) {
        return create(directory, name, List.of("-newkey", "rsa:2048"), "RSA");
    }

    static TestKey ec(Path directory, String name) {
        return create(directory, name, List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"), "EC");
    }

    private static TestKey create(Path directory, String name, List<String> keyArguments, String algorithm) {
        Path key = directory.resolve(name + ".key");
        Path cert = directory.resolve(name + ".crt");
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "3650",
                "-subj", "/CN=" + name, "-keyout", key.toString(), "-out", cert.toString()));
        command.addAll(3, keyArguments);
        Processes.run(directory, command);
        try {
            return new TestKey(key, cert, privateKey(key, algorithm), certificate(cert));
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private static PrivateKey privateKey(Path pem, String algorithm) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        String body = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                text.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    /** The certificate body as it appears in metadata and KeyInfo. */
    String certificateBase64() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
