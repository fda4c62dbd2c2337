package dev.lanyard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lanyard} command. */
@Command(name = "lanyard", mixinStandardHelpOptions = true, version = "lanyard 0.1.0",
        description = "A self-hosted Security Token Service speaking AWS STS and IAM.",
        subcommands = {ServeCommand.class, ImportCommand.class, OidcCommand.class, SamlCommand.class,
                RevokeSessionsCommand.class, PolicyCommand.class})
public final class LanyardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LanyardCommand());
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            command.getErr().println("lanyard: " + failure.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }
}
