package dev.lanyard.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard delegation-token ID}: the trade-in token of a delegation request whose owner sent it
 * (SendDelegationToken), with the partner's notification channel. AWS publishes it to that SNS topic; Lanyard has no
 * SNS, so the operator hands it to the partner, who exchanges it at STS GetDelegatedAccessToken (ADR 0018).
 */
@Command(name = "delegation-token", mixinStandardHelpOptions = true,
        description = "Print the trade-in token of a finalized delegation request, for its partner.")
final class DelegationTokenCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DELEGATION_REQUEST_ID", description = "The delegation request's ID.")
    String requestId;

    @Option(names = "--data-dir", defaultValue = "lanyard-data",
            description = "Data directory of the running Lanyard (default ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Override
    public Integer call() throws IOException {
        if (!requestId.matches("[\\w-]{16,128}")) {
            throw new IllegalArgumentException("not a delegation request ID: " + requestId);
        }
        System.out.print(AdminClient.text(dataDirectory.toAbsolutePath(), "delegation-token " + requestId));
        return 0;
    }
}
