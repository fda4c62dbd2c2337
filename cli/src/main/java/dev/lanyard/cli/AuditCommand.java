package dev.lanyard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.store.jdbc.JdbcAuditReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard audit}: the forensic questions, answered from the audit trail in the data directory (the JSON-lines
 * files a node writes to {@code audit/}) or, for nodes sharing PostgreSQL, from its {@code audit_event} table (every
 * node's records): which session, role and source identity a key belongs to; what a key or a principal did; who
 * assumed a role. Times are ISO 8601 ({@code 2026-12-07T15:00:00Z}).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Answer forensic questions from the audit trail (CloudTrail records in DATA_DIR/audit, or in"
                + " the audit_event table of a shared PostgreSQL with --database-url).",
        subcommands = {AuditCommand.Key.class, AuditCommand.Activity.class, AuditCommand.Assumed.class})
final class AuditCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        System.out.println("name a question: key, activity or assumed (lanyard audit --help)");
        return 2;
    }

    /** Where the trail is, and the time window a question looks at. */
    static class Trail {
        @Option(names = "--data-dir", defaultValue = "lanyard-data",
                description = "Data directory of the node whose trail to read (default ${DEFAULT-VALUE}).")
        Path dataDirectory;

        @Option(names = "--database-url", description = "Read the audit_event table of this PostgreSQL (the nodes"
                + " sharing it) instead of the data directory's files. Credentials come from LANYARD_DB_USER and"
                + " LANYARD_DB_PASSWORD or --database-password-file.")
        Optional<String> databaseUrl = Optional.empty();

        @Option(names = "--database-password-file", description = "File holding the database password.")
        Optional<Path> databasePasswordFile = Optional.empty();

        @Option(names = "--from", description = "Only records at or after this time (ISO 8601, UTC).")
        Optional<Instant> from = Optional.empty();

        @Option(names = "--to", description = "Only records at or before this time (ISO 8601, UTC).")
        Optional<Instant> to = Optional.empty();

        /** The records in the window that {@code wanted} picks, all of which contain {@code subject}, oldest first. */
        List<JsonNode> records(String subject, Predicate<JsonNode> wanted) {
            List<JsonNode> found = new ArrayList<>();
            if (databaseUrl.isPresent()) {
                String user = Optional.ofNullable(System.getenv("LANYARD_DB_USER")).orElse("lanyard");
                String password = databasePasswordFile.map(AuditCommand::readPassword)
                        .orElseGet(() -> Optional.ofNullable(System.getenv("LANYARD_DB_PASSWORD")).orElse(""));
                JdbcAuditReader.records(databaseUrl.get(), user, password, from, to, subject,
                        line -> keep(line, wanted, found));
                return sorted(found);
            }
            Path directory = dataDirectory.resolve("audit");
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException("no audit trail in " + directory);
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                    read(file, wanted, found);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sorted(found);
        }

        private static List<JsonNode> sorted(List<JsonNode> found) {
            found.sort((a, b) -> a.path("eventTime").asText().compareTo(b.path("eventTime").asText()));
            return found;
        }

        private void read(Path file, Predicate<JsonNode> wanted, List<JsonNode> found) throws IOException {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    keep(line, wanted, found);
                }
            }
        }

        private void keep(String line, Predicate<JsonNode> wanted, List<JsonNode> found) {
            if (line.isBlank()) {
                return;
            }
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException e) {
                return; // a line cut short by a crash: the rest of the trail still answers
            }
            if (inWindow(record) && wanted.test(record)) {
                found.add(record);
            }
        }

        private boolean inWindow(JsonNode record) {
            Instant time = Instant.parse(record.path("eventTime").asText("1970-01-01T00:00:00Z"));
            return from.map(f -> !time.isBefore(f)).orElse(true) && to.map(t -> !time.isAfter(t)).orElse(true);
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Which session, role and source identity an access key (ASIA... or AKIA...) belongs to.")
    static final class Key implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACCESS_KEY_ID")
        String accessKeyId;

        @Mixin
        Trail trail = new Trail();

        @Override
        public Integer call() {
            List<JsonNode> issued = trail.records(accessKeyId, r -> accessKeyId.equals(r.at(
                    "/responseElements/credentials/accessKeyId").asText())
                    || accessKeyId.equals(r.at("/responseElements/accessKey/accessKeyId").asText()));
            Set<String> seen = new HashSet<>();
            for (JsonNode record : issued) {
                if (seen.add(record.path("requestID").asText())) {
                    printIssue(record);
                }
            }
            Optional<JsonNode> used = trail.records(accessKeyId, r -> accessKeyId.equals(r.at(
                    "/userIdentity/accessKeyId").asText())).stream().findFirst();
            used.ifPresent(AuditCommand::printUser);
            if (issued.isEmpty() && used.isEmpty()) {
                System.out.println(accessKeyId + ": not in the audit trail");
                return 1;
            }
            return 0;
        }

        private void printIssue(JsonNode record) {
            JsonNode request = record.path("requestParameters");
            JsonNode response = record.path("responseElements");
            System.out.println(accessKeyId + " issued by " + record.path("eventName").asText() + " at "
                    + record.path("eventTime").asText() + " (request " + record.path("requestID").asText() + ")");
            System.out.println("  to:              " + who(record.path("userIdentity")));
            field("  role:            ", request.path("roleArn"));
            field("  session name:    ", request.path("roleSessionName"));
            field("  session ARN:     ", response.at("/assumedRoleUser/arn"));
            field("  federated user:  ", response.at("/federatedUser/arn"));
            field("  user:            ", response.at("/accessKey/userName"));
            field("  source identity: ", response.path("sourceIdentity"));
            field("  expires:         ", response.at("/credentials/expiration"));
            System.out.println("  from:            " + record.path("sourceIPAddress").asText());
        }
    }

    @Command(name = "activity", mixinStandardHelpOptions = true,
            description = "What an access key or a principal (an ARN; a role's ARN takes in its sessions) did.")
    static final class Activity implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Subject subject;

        static final class Subject {
            @Option(names = "--key", description = "An access key ID.")
            Optional<String> key = Optional.empty();

            @Option(names = "--principal", description = "An ARN: user, role, assumed-role session, root.")
            Optional<String> principal = Optional.empty();
        }

        @Mixin
        Trail trail = new Trail();

        @Override
        public Integer call() {
            Predicate<JsonNode> wanted = subject.key.<Predicate<JsonNode>>map(key ->
                    r -> key.equals(r.at("/userIdentity/accessKeyId").asText()))
                    .orElseGet(() -> {
                        String arn = subject.principal.orElseThrow();
                        return r -> arn.equals(r.at("/userIdentity/arn").asText())
                                || arn.equals(r.at("/userIdentity/sessionContext/sessionIssuer/arn").asText());
                    });
            List<JsonNode> records = trail.records(subject.key.or(() -> subject.principal).orElseThrow(), wanted);
            for (JsonNode record : records) {
                System.out.println(record.path("eventTime").asText() + "  "
                        + record.path("eventSource").asText().replace(".amazonaws.com", "") + ":"
                        + record.path("eventName").asText() + "  " + outcome(record) + "  as "
                        + record.at("/userIdentity/arn").asText(record.at("/userIdentity/type").asText()) + "  key "
                        + record.at("/userIdentity/accessKeyId").asText("-") + "  from "
                        + record.path("sourceIPAddress").asText() + "  request " + record.path("requestID").asText());
            }
            System.out.println(records.size() + " call(s)");
            return 0;
        }
    }

    @Command(name = "assumed", mixinStandardHelpOptions = true,
            description = "Who assumed a role (AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML).")
    static final class Assumed implements Callable<Integer> {
        @Option(names = "--role", required = true, description = "The role's ARN.")
        String roleArn;

        @Mixin
        Trail trail = new Trail();

        @Override
        public Integer call() {
            List<JsonNode> records = trail.records(roleArn, r -> r.path("eventName").asText().startsWith("AssumeRole")
                    && roleArn.equals(r.at("/requestParameters/roleArn").asText()));
            Set<String> seen = new HashSet<>();
            int count = 0;
            for (JsonNode record : records) {
                if (!seen.add(record.path("requestID").asText())) {
                    continue; // the same cross-account call, as recorded in the other account
                }
                count++;
                JsonNode response = record.path("responseElements");
                System.out.println(record.path("eventTime").asText() + "  " + outcome(record) + "  "
                        + who(record.path("userIdentity")) + "  session "
                        + record.at("/requestParameters/roleSessionName").asText("-") + "  source identity "
                        + response.path("sourceIdentity").asText("-") + "  key "
                        + response.at("/credentials/accessKeyId").asText("-") + "  from "
                        + record.path("sourceIPAddress").asText());
            }
            System.out.println(count + " attempt(s)");
            return 0;
        }
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database password file " + file, e);
        }
    }

    private static String outcome(JsonNode record) {
        return record.has("errorCode") ? record.path("errorCode").asText() : "OK";
    }

    /** A caller as one phrase: its ARN, or the federated user at its provider, or the type and principal ID. */
    static String who(JsonNode identity) {
        if (identity.has("arn")) {
            return identity.path("arn").asText();
        }
        if (identity.has("identityProvider")) {
            return identity.path("type").asText() + " " + identity.path("userName").asText() + " at "
                    + identity.path("identityProvider").asText();
        }
        return identity.path("type").asText() + (identity.has("principalId") ? " " + identity.path("principalId")
                .asText() : "") + (identity.has("accountId") ? " of account " + identity.path("accountId").asText()
                : "");
    }

    private static void printUser(JsonNode record) {
        JsonNode identity = record.path("userIdentity");
        JsonNode context = identity.path("sessionContext");
        System.out.println("used as " + identity.path("type").asText() + " " + identity.path("arn").asText()
                + " (principal " + identity.path("principalId").asText() + "), first seen "
                + record.path("eventTime").asText());
        field("  issued by:       ", context.at("/sessionIssuer/arn"));
        field("  session created: ", context.at("/attributes/creationDate"));
        field("  MFA:             ", context.at("/attributes/mfaAuthenticated"));
        field("  source identity: ", context.path("sourceIdentity"));
        field("  web identity:    ", context.at("/webIdFederationData/federatedProvider"));
    }

    private static void field(String label, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            System.out.println(label + value.asText());
        }
    }
}
