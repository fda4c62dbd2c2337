package dev.lanyard.cli;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.saml.XmlSecSamlVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanyard saml check FILE}: the AssumeRoleWithSAML checks of a SAML Response, one line each. */
@Command(name = "saml", mixinStandardHelpOptions = true, description = "SAML federation diagnostics.",
        subcommands = {SamlCommand.Check.class})
final class SamlCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: lanyard saml check RESPONSE_FILE --metadata METADATA_FILE");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a SAML Response (XML or base64) against IdP metadata, printing every check.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", description = "The SAML Response, as XML or as the base64 the IdP posts.")
        Path response;

        @Option(names = "--metadata", required = true, description = "The IdP metadata XML file.")
        Path metadata;

        @Option(names = "--provider-arn", description = "The SAML provider ARN (default: saml-provider/check in"
                + " account 000000000000).")
        String providerArn = Partition.AWS.iam(AccountId.of("000000000000"), "saml-provider/check").toString();

        @Override
        public Integer call() throws Exception {
            XmlSecSamlVerifier verifier = new XmlSecSamlVerifier(Clock.systemUTC());
            SamlMetadata parsed = verifier.parseMetadata(Files.readString(metadata));
            String content = Files.readString(response).trim();
            String base64 = content.startsWith("<") ? Base64.getEncoder().encodeToString(
                    content.getBytes(StandardCharsets.UTF_8)) : content;
            String[] arn = providerArn.split(":");
            String name = providerArn.substring(providerArn.indexOf(":saml-provider/") + 15);
            List<FederationCheck> checks = verifier.explain(base64, new SamlProviderTrust(providerArn, name, arn[4],
                    parsed.entityId(), parsed.signingCertificates(), parsed.validUntil(), List.of(),
                    SamlProviderTrust.EncryptionMode.ALLOWED, List.of()));
            return FederationChecks.print(checks);
        }
    }
}
