package dev.lanyard.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard revoke-sessions --role NAME}: AWS's "revoke active sessions": an inline deny on
 * {@code aws:TokenIssueTime} named AWSRevokeOlderSessions, so every session issued before now is refused at once.
 */
@Command(name = "revoke-sessions", mixinStandardHelpOptions = true,
        description = "Refuse every session of a role (or every session a user created) issued before now.")
final class RevokeSessionsCommand implements Callable<Integer> {
    static final String POLICY_NAME = "AWSRevokeOlderSessions";

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--role", description = "The role whose sessions to revoke.")
        Optional<String> role;

        @Option(names = "--user", description = "The user whose GetSessionToken/GetFederationToken sessions to revoke.")
        Optional<String> user;
    }

    @Option(names = "--data-dir", defaultValue = "lanyard-data",
            description = "Data directory whose aws/config and aws/credentials to use (default ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--endpoint", description = "Lanyard's endpoint URL.")
    Optional<URI> endpoint;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + now + "\"}}}}";
        QueryClient client = ClientProfile.client(dataDirectory, endpoint);
        Map<String, String> params = new LinkedHashMap<>();
        String kind = target.role.isPresent() ? "Role" : "User";
        params.put(kind + "Name", target.role.or(() -> target.user).orElseThrow());
        params.put("PolicyName", POLICY_NAME);
        params.put("PolicyDocument", document);
        client.call("iam", "2010-05-08", "Put" + kind + "Policy", params);
        System.out.println("sessions issued before " + now + " are refused from now on");
        return 0;
    }
}
