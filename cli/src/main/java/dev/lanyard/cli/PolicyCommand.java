package dev.lanyard.cli;

import dev.lanyard.authz.GatheredPolicies;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.SimulationSubject;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.PrincipalType;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.Authorizer;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySizeQuota;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.RequestContext;
import dev.lanyard.policy.SessionPolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code lanyard policy lint|simulate}: the server's own validator and engine, offline, on policy files; no server,
 * no credentials.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Validate and simulate IAM policies offline.",
        subcommands = {PolicyCommand.Lint.class, PolicyCommand.Simulate.class})
final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: lanyard policy lint FILE... | lanyard policy simulate --policy FILE --action A");
    }

    /** The API a document is meant for: what IAM accepts and which size quota applies. */
    enum Kind {
        MANAGED(PolicyKind.MANAGED, Optional.of(PolicySizeQuota.MANAGED)),
        USER_INLINE(PolicyKind.INLINE, Optional.of(PolicySizeQuota.USER_INLINE)),
        GROUP_INLINE(PolicyKind.INLINE, Optional.of(PolicySizeQuota.GROUP_INLINE)),
        ROLE_INLINE(PolicyKind.INLINE, Optional.of(PolicySizeQuota.ROLE_INLINE)),
        TRUST(PolicyKind.TRUST, Optional.of(PolicySizeQuota.TRUST)),
        /** STS counts the plain text, whitespace included, against its packed allowance. */
        SESSION(PolicyKind.SESSION, Optional.empty()),
        RESOURCE(PolicyKind.RESOURCE, Optional.empty());

        final PolicyKind policyKind;
        final Optional<PolicySizeQuota> quota;

        Kind(PolicyKind policyKind, Optional<PolicySizeQuota> quota) {
            this.policyKind = policyKind;
            this.quota = quota;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The size a quota limits and its limit, for the OK line. */
        String size(String text, PolicyDocument document) {
            if (this == SESSION) {
                return text.length() + " characters of " + SESSION_PLAINTEXT_LIMIT;
            }
            return document.nonWhitespaceLength() + " characters"
                    + quota.map(q -> " of " + q.limit()).orElse("");
        }
    }

    /** AssumeRole*'s and GetFederationToken's allowance for session policy text. */
    static final int SESSION_PLAINTEXT_LIMIT = 2048;

    /** A file's text, or standard input for {@code -}. */
    static String read(Path file) throws IOException {
        if (file.toString().equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Parses and validates as IAM would, or says why IAM would refuse it. */
    static ParseResult parse(String text, Kind kind) {
        ParseResult result = PolicyParser.parse(text, kind.policyKind);
        if (!(result instanceof ParseResult.Valid valid)) {
            return result;
        }
        if (kind == Kind.SESSION && text.length() > SESSION_PLAINTEXT_LIMIT) {
            return new ParseResult.Invalid("PackedPolicyTooLarge: Packed policy consumes "
                    + (int) Math.ceil(text.length() * 100.0 / SESSION_PLAINTEXT_LIMIT) + "% of allotted space");
        }
        return kind.quota.filter(q -> valid.document().nonWhitespaceLength() > q.limit())
                .<ParseResult>map(q -> new ParseResult.Invalid("LimitExceeded: " + q.exceededMessage("NAME")))
                .orElse(result);
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Validate policy documents exactly as IAM does (MalformedPolicyDocument messages and size "
                    + "quotas); exit 1 if any is refused.")
    static final class Lint implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "Policy files (- for standard input).")
        List<Path> files;

        @Option(names = "--kind", defaultValue = "managed", description = "managed, user-inline, group-inline, "
                + "role-inline, trust, session or resource (default ${DEFAULT-VALUE}).",
                converter = KindConverter.class)
        Kind kind;

        @Override
        public Integer call() throws IOException {
            int refused = 0;
            for (Path file : files) {
                String text = read(file);
                String line = switch (parse(text, kind)) {
                    case ParseResult.Valid valid -> "OK (" + kind.label() + ", "
                            + valid.document().statements().size() + " statements, "
                            + kind.size(text, valid.document()) + ")";
                    case ParseResult.Invalid invalid -> {
                        refused++;
                        boolean quota = invalid.message().startsWith("LimitExceeded: ")
                                || invalid.message().startsWith("PackedPolicyTooLarge: ");
                        yield quota ? invalid.message() : "MalformedPolicyDocument: " + invalid.message();
                    }
                };
                System.out.println(file + ": " + line);
            }
            return refused == 0 ? 0 : 1;
        }
    }

    /** picocli: {@code role-inline} etc. to {@link Kind}. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Arrays.stream(Kind.values()).filter(k -> k.label().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown kind " + value));
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Decide actions on resources with the server's engine: identity policies, an optional "
                    + "permissions boundary, session policies and resource policy. Only the context you give is "
                    + "used. Prints one line per action and resource, the deciding statements, and with --explain "
                    + "each policy type's result.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--policy", required = true, description = "Identity policy file (repeatable).")
        List<Path> policies;

        @Option(names = "--boundary", description = "Permissions boundary policy file.")
        Optional<Path> boundary;

        @Option(names = "--session-policy", description = "Session policy file (repeatable).")
        List<Path> sessionPolicies = List.of();

        @Option(names = "--resource-policy", description = "Resource-based or trust policy file.")
        Optional<Path> resourcePolicy;

        @Option(names = "--action", required = true, description = "Action such as s3:GetObject (repeatable).")
        List<String> actions;

        @Option(names = "--resource", description = "Resource ARN (repeatable; default *).")
        List<String> resources = List.of("*");

        @Option(names = "--context", description = "KEY=VALUE condition context (repeatable; repeat a key for a "
                + "multivalued key).")
        List<String> context = List.of();

        @Option(names = "--caller-arn", description = "The caller: a user, role-session or root ARN; needed for "
                + "Principal matching in --resource-policy.")
        Optional<String> callerArn;

        @Option(names = "--account", defaultValue = "111122223333", description = "The caller's account when "
                + "--caller-arn does not say (default ${DEFAULT-VALUE}).")
        String account;

        @Option(names = "--resource-account", description = "The resource's account when its ARN does not say "
                + "(default: the caller's).")
        Optional<String> resourceAccount;

        @Option(names = "--explain", description = "Also print what each policy type decided.")
        boolean explain;

        @Override
        public Integer call() throws IOException {
            try {
                simulate();
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("lanyard policy simulate: " + e.getMessage());
                return 2;
            }
        }

        private void simulate() throws IOException {
            List<LabeledPolicy> identity = new ArrayList<>();
            for (Path file : policies) {
                identity.add(load(file, Kind.ROLE_INLINE, PolicySource.USER_INLINE));
            }
            Optional<LabeledPolicy> bounds = boundary.isPresent()
                    ? Optional.of(load(boundary.get(), Kind.MANAGED, PolicySource.PERMISSIONS_BOUNDARY))
                    : Optional.empty();
            List<LabeledPolicy> session = new ArrayList<>();
            for (Path file : sessionPolicies) {
                session.add(load(file, Kind.SESSION, PolicySource.SESSION_INLINE));
            }
            Optional<LabeledPolicy> resource = resourcePolicy.isPresent()
                    ? Optional.of(load(resourcePolicy.get(), Kind.RESOURCE, PolicySource.RESOURCE))
                    : Optional.empty();
            // Offline there is no read model: the documents given are the subject, gathered as the server gathers.
            GatheredPolicies gathered = new PolicyGatherer(new AwsManagedPolicies()).gather(IamSnapshot.empty(),
                    new SimulationSubject.Custom(identity, bounds, session.isEmpty() ? new SessionPolicies.None()
                            : new SessionPolicies.Passed(session)));
            Optional<PrincipalIdentity> caller = callerArn.map(Simulate::caller);
            AccountId principalAccount = caller.map(PrincipalIdentity::account).orElse(AccountId.of(account));
            ContextKeys keys = contextKeys(context);
            Authorizer authorizer = new Authorizer();
            for (String action : actions) {
                for (String resourceArn : resources) {
                    Optional<AccountId> owner = Arn.parse(resourceArn).flatMap(Arn::accountId)
                            .or(() -> resourceAccount.map(AccountId::of));
                    Decision decision = authorizer.decide(gathered.into(AuthorizationRequest.builder())
                            .context(new RequestContext(action, resourceArn, caller, keys))
                            .principalAccount(principalAccount).resourceAccount(owner)
                            .principalIsRoot(caller.map(c -> c.type() == PrincipalType.ACCOUNT).orElse(false))
                            .resourcePolicy(resource).build());
                    print(action, resourceArn, decision);
                }
            }
        }

        private void print(String action, String resource, Decision decision) {
            System.out.println(decision.outcome().simulatorName() + "\t" + action + "\t" + resource);
            for (MatchedStatement statement : decision.determining()) {
                System.out.println("  " + statement.policy().name() + " statement " + statement.statementIndex()
                        + statement.sid().map(sid -> " (" + sid + ")").orElse("") + " at line "
                        + statement.start().line() + ", column " + statement.start().column());
            }
            if (explain) {
                decision.trace().forEach(line -> System.out.println("  | " + line));
            }
        }

        private static LabeledPolicy load(Path file, Kind kind, PolicySource source) throws IOException {
            PolicyDocument document = switch (parse(read(file), kind)) {
                case ParseResult.Valid valid -> valid.document();
                case ParseResult.Invalid invalid -> throw new IllegalArgumentException(file + ": "
                        + invalid.message());
            };
            return new LabeledPolicy(new PolicyRef(source, file.getFileName().toString()), document);
        }

        /** Users, role sessions ({@code arn:aws:sts::A:assumed-role/R/S}) and the root user. */
        static PrincipalIdentity caller(String arn) {
            Arn parsed = Arn.parse(arn).orElseThrow(() -> new IllegalArgumentException("not an ARN: " + arn));
            AccountId owner = parsed.accountId().orElseThrow(() -> new IllegalArgumentException(
                    "no account in " + arn));
            String type = parsed.resourceType();
            if (parsed.service().equals("iam") && parsed.resource().equals("root")) {
                return PrincipalIdentity.root(owner);
            }
            if (parsed.service().equals("iam") && type.equals("user")) {
                return PrincipalIdentity.user(owner, arn, Optional.empty());
            }
            if (parsed.service().equals("sts") && type.equals("assumed-role")) {
                String[] parts = parsed.resource().split("/");
                if (parts.length < 3) {
                    throw new IllegalArgumentException("not a role session ARN: " + arn);
                }
                String roleArn = "arn:" + parsed.partition() + ":iam::" + owner.value() + ":role/" + parts[1];
                return new PrincipalIdentity(owner, PrincipalType.ASSUMED_ROLE, Optional.of(roleArn),
                        Optional.empty(), Optional.of(arn), Optional.empty(), Optional.empty(), Optional.empty());
            }
            throw new IllegalArgumentException("--caller-arn must be a user, assumed-role or root ARN: " + arn);
        }

        static ContextKeys contextKeys(List<String> entries) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--context needs KEY=VALUE: " + entry);
                }
                values.computeIfAbsent(entry.substring(0, equals), k -> new ArrayList<>())
                        .add(entry.substring(equals + 1));
            }
            ContextKeys.Builder builder = ContextKeys.builder();
            values.forEach((key, list) -> {
                if (list.size() == 1) {
                    builder.put(key, list.getFirst());
                } else {
                    builder.putMulti(key, list);
                }
            });
            return builder.build();
        }
    }
}
