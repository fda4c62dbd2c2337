package dev.lanyard.saml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signs and encrypts with {@code xmlsec1}, an implementation independent of Santuario (libxmlsec on OpenSSL), so a
 * test passing means two implementations agree. Signs the Assertion's template before the Response's, since the
 * Response digest covers the Assertion's signature.
 */
final class XmlSec1 {
    private static final String ASSERTION_SIGNATURE = "//*[local-name()='Assertion']/*[local-name()='Signature']";
    private static final String RESPONSE_SIGNATURE = "/*/*[local-name()='Signature']";
    private static final String DATA_TEMPLATE = """
            <xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" \
            Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="%s"/>\
            <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>\
            <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p">\
            <ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/></xenc:EncryptionMethod>\
            <xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>\
            <xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>""";

    private final Path directory;
    private final AtomicInteger files = new AtomicInteger();

    XmlSec1(Path directory) {
        this.directory = directory;
    }

    /** Signs the chosen templates: the Assertion's first, since the Response digest covers it. */
    String sign(String template, TestKey key, boolean assertion, boolean response) {
        String xml = assertion ? signNode(template, key, ASSERTION_SIGNATURE) : template;
        return response ? signNode(xml, key, RESPONSE_SIGNATURE) : xml;
    }

    String signNode(String xml, TestKey key, String xpath) {
        Path in = write(xml);
        Path out = directory.resolve("signed-" + files.incrementAndGet() + ".xml");
        Processes.run(directory, List.of("xmlsec1", "--sign", "--privkey-pem",
                key.keyPem() + "," + key.certPem(),
                "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
                "--node-xpath", xpath, "--output", out.toString(), in.toString()));
        return read(out);
    }

    /** Replaces the Assertion (inside its EncryptedAssertion wrapper) with xmlsec1's EncryptedData. */
    String encrypt(String xml, TestKey spKey, String dataAlgorithm, String sessionKey) {
        Path data = write(xml);
        Path template = write(DATA_TEMPLATE.formatted(dataAlgorithm));
        Path out = directory.resolve("encrypted-" + files.incrementAndGet() + ".xml");
        Processes.run(directory, List.of("xmlsec1", "--encrypt", "--pubkey-cert-pem", spKey.certPem().toString(),
                "--session-key", sessionKey, "--xml-data", data.toString(),
                "--node-xpath", "//*[local-name()='Assertion']", "--output", out.toString(), template.toString()));
        return read(out);
    }

    /** xmlsec1's own verdict, to show a crafted attack document still carries a valid signature. */
    boolean verifies(String xml, TestKey key, String xpath) {
        Path in = write(xml);
        List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify", "--pubkey-cert-pem",
                key.certPem().toString(), "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response", "--node-xpath", xpath,
                in.toString()));
        try {
            Processes.run(directory, command);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String xml) {
        try {
            Path file = directory.resolve("in-" + files.incrementAndGet() + ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
