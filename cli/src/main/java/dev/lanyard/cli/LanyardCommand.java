package dev.lanyard.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lanyard} command. */
@Command(name = "lanyard", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "A self-hosted Security Token Service speaking AWS STS and IAM.")
public final class LanyardCommand implements Runnable {
    /** The subcommands in the order the usage lists them; picocli reads each one's annotations when it is added. */
    private static final List<Subcommand> SUBCOMMANDS = List.of(new Subcommand("serve", ServeCommand.class),
            new Subcommand("import", ImportCommand.class), new Subcommand("oidc", OidcCommand.class),
            new Subcommand("saml", SamlCommand.class), new Subcommand("revoke-sessions", RevokeSessionsCommand.class),
            new Subcommand("policy", PolicyCommand.class), new Subcommand("backup", BackupCommand.class),
            new Subcommand("restore", RestoreCommand.class),
            new Subcommand("rotate-master-key", RotateMasterKeyCommand.class),
            new Subcommand("delegation-token", DelegationTokenCommand.class),
            new Subcommand("s3", S3Command.class), new Subcommand("audit", AuditCommand.class),
            new Subcommand("config", ConfigCommand.class));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LanyardCommand());
        SUBCOMMANDS.forEach(subcommand -> commandLine.addSubcommand(subcommand.type()));
        return SharedSettings.install(commandLine);
    }

    /**
     * The command line for these arguments: when they start with a subcommand's name, only that subcommand is added,
     * as building the others' models is wasted start-up time (reflection over every option of every command);
     * anything else (usage, version, a mistyped name) gets them all.
     */
    static CommandLine commandLine(String[] args) {
        for (Subcommand subcommand : SUBCOMMANDS) {
            if (args.length > 0 && subcommand.name().equals(args[0])) {
                return SharedSettings.install(new CommandLine(new LanyardCommand())
                        .addSubcommand(subcommand.type()));
            }
        }
        return commandLine();
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(args);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            command.getErr().println("lanyard: " + failure.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    private record Subcommand(String name, Class<?> type) {}
}
