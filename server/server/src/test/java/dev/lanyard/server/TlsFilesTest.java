package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM certificates and keys as openssl writes them, and the mistakes an operator makes with them. */
class TlsFilesTest {
    @TempDir
    Path dir;

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(process.waitFor()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    }

    private void certificate(String name, String keyAlgorithm, String serial) throws Exception {
        openssl("req", "-x509", "-newkey", keyAlgorithm, "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
                "-out", dir.resolve(name + ".crt").toString(), "-days", "1", "-subj", "/CN=" + name, "-set_serial",
                serial);
    }

    @Test
    void readsRsaEcAndEd25519KeysInPkcs8AndRsaInPkcs1() throws Exception {
        certificate("rsa", "rsa:2048", "11");
        certificate("ec", "ec:" + ecParameters(), "12");
        certificate("ed", "ed25519", "13");
        openssl("rsa", "-in", dir.resolve("rsa.key").toString(), "-traditional", "-out",
                dir.resolve("rsa-pkcs1.key").toString());
        assertThat(Files.readString(dir.resolve("rsa-pkcs1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(new TlsFiles(dir.resolve("rsa.crt"), dir.resolve("rsa.key")).load().certificate()
                .getSerialNumber()).isEqualTo(BigInteger.valueOf(11));
        assertThat(new TlsFiles(dir.resolve("rsa.crt"), dir.resolve("rsa-pkcs1.key")).load().key().getAlgorithm())
                .isEqualTo("RSA");
        assertThat(new TlsFiles(dir.resolve("ec.crt"), dir.resolve("ec.key")).load().key().getAlgorithm())
                .isEqualTo("EC");
        assertThat(new TlsFiles(dir.resolve("ed.crt"), dir.resolve("ed.key")).load().key().getAlgorithm())
                .isIn("Ed25519", "EdDSA");
    }

    /** The generated profile's ca_bundle: only a chain that ends in a self-signed certificate is worth trusting. */
    @Test
    void aChainEndsInItsOwnAuthorityOnlyWhenItsLastCertificateIsSelfSigned() throws Exception {
        certificate("ca", "rsa:2048", "21");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("leaf.key").toString(), "-out",
                dir.resolve("leaf.csr").toString(), "-subj", "/CN=leaf");
        openssl("x509", "-req", "-in", dir.resolve("leaf.csr").toString(), "-CA", dir.resolve("ca.crt").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-set_serial", "22", "-days", "1", "-out",
                dir.resolve("leaf.crt").toString());
        Files.writeString(dir.resolve("full.crt"), Files.readString(dir.resolve("leaf.crt"))
                + Files.readString(dir.resolve("ca.crt")));
        assertThat(new TlsFiles(dir.resolve("ca.crt"), dir.resolve("ca.key")).load().endsInItsOwnAuthority())
                .as("self-signed").isTrue();
        assertThat(new TlsFiles(dir.resolve("full.crt"), dir.resolve("leaf.key")).load().endsInItsOwnAuthority())
                .as("leaf and its CA").isTrue();
        assertThat(new TlsFiles(dir.resolve("leaf.crt"), dir.resolve("leaf.key")).load().endsInItsOwnAuthority())
                .as("leaf alone, as a public CA's chain without its root").isFalse();
    }

    private Path ecParameters() throws Exception {
        Path parameters = dir.resolve("p256.pem");
        openssl("ecparam", "-name", "prime256v1", "-out", parameters.toString());
        return parameters;
    }

    @Test
    void namesWhatIsWrong() throws Exception {
        certificate("a", "rsa:2048", "1");
        certificate("b", "rsa:2048", "2");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("a.crt"), dir.resolve("b.key")).load())
                .hasMessage("the TLS private key " + dir.resolve("b.key") + " does not belong to the certificate "
                        + dir.resolve("a.crt") + " (its first certificate must be the server's own)");
        assertThatThrownBy(() -> new TlsFiles(garbage, dir.resolve("a.key")).load())
                .hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("a.crt"), garbage).load())
                .hasMessageContaining("holds no PEM private key");
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("a.key"), dir.resolve("a.crt")).load())
                .hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("missing.crt"), dir.resolve("a.key")).load())
                .hasMessage("the TLS certificate file " + dir.resolve("missing.crt") + " does not exist");
        openssl("pkcs8", "-topk8", "-in", dir.resolve("a.key").toString(), "-passout", "pass:secret", "-out",
                dir.resolve("encrypted.key").toString());
        assertThatThrownBy(() -> new TlsFiles(dir.resolve("a.crt"), dir.resolve("encrypted.key")).load())
                .hasMessageContaining("is encrypted");
    }

    @Test
    void aHalfRenewedPairKeepsTheLastGoodOne() throws Exception {
        certificate("a", "rsa:2048", "1");
        certificate("b", "rsa:2048", "2");
        Path certificate = Files.copy(dir.resolve("a.crt"), dir.resolve("tls.crt"));
        Path key = Files.copy(dir.resolve("a.key"), dir.resolve("tls.key"));
        ServerTls tls = ServerTls.load(new TlsFiles(certificate, key), "test");
        Files.copy(dir.resolve("b.crt"), certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        tls.reloadIfChanged();
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.ONE);
        Files.copy(dir.resolve("b.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        tls.reloadIfChanged();
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(BigInteger.TWO);
    }
}
