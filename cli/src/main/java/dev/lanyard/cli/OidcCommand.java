package dev.lanyard.cli;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.oidc.HttpJwksFetcher;
import dev.lanyard.oidc.OidcVerifierConfig;
import dev.lanyard.oidc.OidcWebIdentityVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanyard oidc check TOKEN}: the AssumeRoleWithWebIdentity token checks, one line each, for operators. */
@Command(name = "oidc", mixinStandardHelpOptions = true, description = "OIDC federation diagnostics.",
        subcommands = {OidcCommand.Check.class})
final class OidcCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: lanyard oidc check TOKEN --issuer URL --client-id ID");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a web identity token as AssumeRoleWithWebIdentity would, printing every check.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", description = "The token, or @FILE to read it from a file.")
        String token;

        @Option(names = "--issuer", required = true, description = "The provider URL as registered in IAM.")
        String issuer;

        @Option(names = "--client-id", required = true, description = "An accepted audience (repeatable).")
        List<String> clientIds;

        @Option(names = "--thumbprint", description = "A provider thumbprint (repeatable).")
        List<String> thumbprints = List.of();

        @Option(names = "--allow-insecure-loopback", description = "Allow a plain-http loopback issuer.")
        boolean allowInsecureLoopback;

        @Override
        public Integer call() throws Exception {
            String jwt = token.startsWith("@") ? Files.readString(Path.of(token.substring(1))).trim() : token;
            OidcVerifierConfig config = OidcVerifierConfig.defaults().withAllowInsecureLoopback(allowInsecureLoopback);
            try (HttpJwksFetcher fetcher = new HttpJwksFetcher(config)) {
                OidcWebIdentityVerifier verifier = new OidcWebIdentityVerifier(config, Clock.systemUTC(), fetcher);
                List<FederationCheck> checks = verifier.explain(jwt, new OidcProviderTrust(
                        Partition.AWS.iam(AccountId.of("000000000000"), "oidc-provider/check").toString(), issuer, clientIds, thumbprints));
                return FederationChecks.print(checks);
            }
        }
    }
}
