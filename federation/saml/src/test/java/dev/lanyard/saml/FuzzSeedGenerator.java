package dev.lanyard.saml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the fuzz seeds and their test-only keys ({@code -Dlanyard.saml.regenerateFuzzSeeds=true}); otherwise
 * skipped. The seeds are valid responses, so fuzzing starts from documents that reach every check.
 */
@EnabledIfSystemProperty(named = "lanyard.saml.regenerateFuzzSeeds", matches = "true")
class FuzzSeedGenerator {
    @TempDir
    Path directory;

    @Test
    void regenerate() throws IOException {
        Path resources = Path.of(System.getProperty("lanyard.repo.dir"),
                "federation/saml/src/test/resources/dev/lanyard/saml");
        Path seeds = resources.resolve("SamlVerifierFuzzTestInputs/verify");
        Path metadataSeeds = resources.resolve("SamlVerifierFuzzTestInputs/parseMetadata");
        Files.createDirectories(seeds);
        Files.createDirectories(metadataSeeds);
        Harness harness = new Harness(directory);
        TestKey sp = TestKey.rsa(directory, "sp");
        Files.copy(harness.idp.certPem(), resources.resolve("fuzz-idp.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(sp.keyPem(), resources.resolve("fuzz-sp.key"), StandardCopyOption.REPLACE_EXISTING);

        ResponseBuilder assertionSigned = new ResponseBuilder()
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project", "Unicorn")
                .attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", "3600");
        write(seeds.resolve("assertion-signed"), harness.signed(assertionSigned));
        ResponseBuilder both = new ResponseBuilder();
        both.signResponse = true;
        write(seeds.resolve("both-signed"), harness.signed(both));
        ResponseBuilder encrypted = new ResponseBuilder();
        encrypted.encrypted = true;
        write(seeds.resolve("encrypted-gcm"), harness.xmlsec.encrypt(harness.signed(encrypted), sp,
                "http://www.w3.org/2009/xmlenc11#aes256-gcm", "aes-256"));
        write(seeds.resolve("encrypted-cbc"), harness.xmlsec.encrypt(harness.signed(encrypted), sp,
                "http://www.w3.org/2001/04/xmlenc#aes128-cbc", "aes-128"));
        write(seeds.resolve("base64-mode"), "B" + XmlSec1.base64(harness.signed(new ResponseBuilder())));
        write(metadataSeeds.resolve("entity"), MetadataTest.entity(" validUntil=\"2027-01-01T00:00:00Z\"",
                MetadataTest.keyDescriptor("signing", harness.idp)));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
