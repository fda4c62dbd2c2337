package dev.lanyard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lanyard config check}: the settings {@code serve} would start with, or every mistake in them. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check Lanyard's configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = {"Print the effective configuration of"
            + " 'lanyard serve' with the same flags, LANYARD_<FLAG> environment variables and --config file (secrets"
            + " redacted), each with where it came from; or print every mistake and exit 1.",
            "The other commands (backup, restore, rotate-master-key, revoke-sessions, delegation-token, import, s3,"
                    + " audit) read a part of serve's settings with serve's rules, so a file and environment that"
                    + " pass here are read alike by them; their own flags (--output, --force...) are not checked"
                    + " here.",
            "Usage: lanyard config check [--config FILE] [any serve flag...]"})
    static final class Check implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> serveArgs = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return check(serveArgs, System.getenv(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        static int check(List<String> args, Map<String, String> environment, PrintWriter out,
                PrintWriter err) {
            List<String> mistakes;
            try {
                CommandLine.ParseResult parsed = new CommandLine(new ServeCommand())
                        .parseArgs(args.toArray(String[]::new));
                ServeCommand effective = ServeCommand.effective(parsed, environment);
                mistakes = effective.mistakes();
                if (mistakes.isEmpty()) {
                    out.println("# the configuration 'lanyard serve' would start with");
                    out.print(effective.describe());
                    out.flush();
                    return 0;
                }
            } catch (ConfigurationException e) {
                mistakes = e.mistakes();
            } catch (CommandLine.ParameterException e) {
                mistakes = List.of(e.getMessage());
            }
            err.println("lanyard: the configuration has " + mistakes.size()
                    + (mistakes.size() == 1 ? " mistake:" : " mistakes:"));
            mistakes.forEach(mistake -> err.println("  " + mistake));
            err.flush();
            return 1;
        }
    }
}
