package dev.lanyard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings other commands share with {@code serve} ({@code --data-dir}, {@code --database-url},
 * {@code --master-key-file}...) read as {@code serve} reads them: the flag, else {@code LANYARD_<FLAG>}, else the
 * {@code --config} file (whose other keys are {@code serve}'s, left alone), else the default. So {@code lanyard backup}
 * finds the data directory {@code serve} was configured with. Options of a command's own ({@code --output},
 * {@code --force}) are flags only: an environment variable must not force a restore.
 */
final class SharedSettings {
    private SharedSettings() {}

    /**
     * Gives every command that shares settings with serve a {@code --config} option, and makes the command line run
     * commands through {@link #execute}.
     */
    static CommandLine install(CommandLine root) {
        addConfigOptions(root);
        return root.setExecutionStrategy(parsed -> execute(parsed, System.getenv()));
    }

    private static void addConfigOptions(CommandLine command) {
        addConfigOption(command.getCommandSpec());
        command.getSubcommands().values().forEach(SharedSettings::addConfigOptions);
    }

    private static void addConfigOption(CommandSpec spec) {
        if (layers(spec) && spec.findOption(ConfigLayers.CONFIG_OPTION) == null) {
            spec.addOption(OptionSpec.builder(ConfigLayers.CONFIG_OPTION).type(Path.class)
                    .paramLabel("FILE").description("serve's YAML settings file: the settings this command shares"
                            + " with serve (" + ConfigLayers.settable(spec).stream().filter(SharedSettings::shared)
                            .map(OptionSpec::longestName).collect(Collectors.joining(", ")) + ") are read from it"
                            + " when no flag or LANYARD_<FLAG> sets them.").build());
        }
    }

    /** The picocli execution strategy: layers the shared settings of the command to run, then runs it. */
    static int execute(ParseResult parsed, Map<String, String> environment) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommandLine command = leaf.commandSpec().commandLine();
        if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested() || !layers(leaf.commandSpec())) {
            return new CommandLine.RunLast().execute(parsed);
        }
        ConfigLayers.Resolved resolved = resolve(leaf, environment);
        if (!resolved.mistakes().isEmpty()) {
            PrintWriter err = command.getErr();
            err.println("lanyard: the configuration has " + resolved.mistakes().size()
                    + (resolved.mistakes().size() == 1 ? " mistake:" : " mistakes:"));
            resolved.mistakes().forEach(mistake -> err.println("  " + mistake));
            err.flush();
            return 2;
        }
        command.parseArgs(arguments(leaf, resolved).toArray(String[]::new));
        return new CommandLine.RunLast().execute(command.getParseResult());
    }

    /** Whether the command has settings of serve's (serve and config check layer everything themselves). */
    static boolean layers(CommandSpec command) {
        Object user = command.userObject();
        return !(user instanceof ServeCommand) && !(user instanceof ConfigCommand.Check)
                && ConfigLayers.settable(command).stream().anyMatch(SharedSettings::shared);
    }

    /** An option named as one of serve's (or {@code --config}). */
    static boolean shared(OptionSpec option) {
        return Arrays.stream(option.names()).anyMatch(ServeNames.ALL::contains);
    }

    static ConfigLayers.Resolved resolve(ParseResult leaf, Map<String, String> environment) {
        CommandSpec spec = leaf.commandSpec();
        return ConfigLayers.resolve(() -> fresh(spec), leaf, environment, SharedSettings::shared, ServeNames.KEYS);
    }

    /**
     * The command's settings as it would run with these arguments and this environment, its other errors (a missing
     * required option) left aside; {@link ConfigurationException} for a mistake in the layers.
     */
    static CommandSpec effective(CommandSpec command, List<String> args, Map<String, String> environment) {
        CommandSpec spec = (CommandSpec) fresh(command);
        CommandLine line = new CommandLine(spec);
        spec.parser().collectErrors(true);
        ParseResult parsed = line.parseArgs(args.toArray(String[]::new));
        ConfigLayers.Resolved resolved = resolve(parsed, environment);
        if (!resolved.mistakes().isEmpty()) {
            throw new ConfigurationException(resolved.mistakes());
        }
        line.parseArgs(arguments(parsed, resolved).toArray(String[]::new));
        return spec;
    }

    /** The layered options, then the positional parameters as given. */
    static List<String> arguments(ParseResult leaf, ConfigLayers.Resolved resolved) {
        List<String> args = new ArrayList<>(resolved.args());
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec positional : leaf.matchedPositionals()) {
            positionals.addAll(positional.originalStringValues());
        }
        if (!positionals.isEmpty()) {
            args.add("--");
            args.addAll(positionals);
        }
        return args;
    }

    /** An unparsed copy of the command, {@code --config} included, to check one value at a time. */
    private static Object fresh(CommandSpec spec) {
        try {
            CommandSpec copy = CommandSpec.forAnnotatedObject(CommandLine.defaultFactory()
                    .create(spec.userObject().getClass()));
            addConfigOption(copy);
            return copy;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a " + spec.name() + " command: " + e.getMessage(), e);
        }
    }

    /** Serve's option names and file keys, read from its model once per run. */
    private static final class ServeNames {
        static final Set<String> ALL;
        static final Set<String> KEYS;

        static {
            List<OptionSpec> serve = ConfigLayers.settable(new CommandLine(new ServeCommand()).getCommandSpec());
            ALL = serve.stream().flatMap(o -> Arrays.stream(o.names())).filter(n -> n.startsWith("--"))
                    .collect(Collectors.toUnmodifiableSet());
            KEYS = ALL.stream().map(n -> n.substring(2)).collect(Collectors.toUnmodifiableSet());
        }
    }
}
