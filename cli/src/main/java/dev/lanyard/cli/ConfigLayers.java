package dev.lanyard.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's settings from its flags, the environment ({@code LANYARD_<FLAG>}) and a configuration file, in that
 * order of precedence, over the defaults. Generic over picocli's model: every option of the command is settable in
 * all three places with no code of its own. The layers become one argument list that picocli parses as if the user
 * had typed it, so a value from the file or the environment is converted and checked exactly as the flag's.
 */
final class ConfigLayers {
    static final String ENV_PREFIX = "LANYARD_";
    /** The option naming the file; settable by flag and environment, not from the file itself. */
    static final String CONFIG_OPTION = "--config";

    /** Where an option's value came from. */
    enum Origin {
        FLAG, ENVIRONMENT, FILE, DEFAULT
    }

    /** An option's origin and the place it names ({@code LANYARD_PORT}, {@code lanyard.yaml: port}). */
    record Source(Origin origin, String where) {}

    /**
     * The arguments to parse and where each option came from; {@code mistakes} empty when they parse.
     */
    record Resolved(List<String> args, Map<String, Source> sources, List<String> mistakes) {
        Resolved {
            args = List.copyOf(args);
            sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
            mistakes = List.copyOf(mistakes);
        }
    }

    private ConfigLayers() {}

    /** The environment variable that sets an option: {@code --data-dir} is {@code LANYARD_DATA_DIR}. */
    static String environmentVariable(OptionSpec option) {
        return ENV_PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The option's key in the file: its longest name without the dashes. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The options a user sets: all but help and version. */
    static List<OptionSpec> settable(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    /**
     * Layers the given command line over the environment and the file that {@code --config} (flag or environment)
     * names. {@code fresh} makes an unparsed instance of the command, for checking one value at a time.
     */
    static Resolved resolve(Supplier<Object> fresh, ParseResult commandLine, Map<String, String> environment) {
        return resolve(fresh, commandLine, environment, option -> true, Set.of());
    }

    /**
     * As above for only the {@code layeredOption} ones; the others keep their flags and defaults. A key of the file that
     * names no layered option is a mistake unless it is one of {@code otherKeys} (another command's, as serve's
     * settings are in a file other commands read).
     */
    static Resolved resolve(Supplier<Object> fresh, ParseResult commandLine, Map<String, String> environment,
            Predicate<OptionSpec> layeredOption, Set<String> otherKeys) {
        CommandSpec spec = commandLine.commandSpec();
        Optional<String> configFile = Optional.ofNullable(commandLine.matchedOption(CONFIG_OPTION))
                .map(option -> option.originalStringValues().getLast())
                .or(() -> Optional.ofNullable(environment.get(ENV_PREFIX + "CONFIG")).filter(v -> !v.isBlank()));
        ConfigFile file = configFile.map(name -> ConfigFile.read(Path.of(name)))
                .orElseGet(() -> new ConfigFile(Path.of("-"), Map.of(), List.of()));
        List<String> mistakes = new ArrayList<>(file.mistakes());
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec option : settable(spec).stream().filter(layeredOption).toList()) {
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    byKey.put(name.substring(2), option);
                }
            }
        }
        file.settings().keySet().stream().filter(key -> !byKey.containsKey(key) && !otherKeys.contains(key)
                || key.equals("config"))
                .forEach(key -> mistakes.add(unknownKey(file.file(), key, byKey)));

        List<String> layered = new ArrayList<>();
        List<String> given = new ArrayList<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        CommandLine checker = new CommandLine(fresh.get());
        for (OptionSpec option : settable(spec)) {
            String name = option.longestName();
            if (commandLine.hasMatchedOption(option)) {
                sources.put(name, new Source(Origin.FLAG, name));
                given.addAll(asTyped(option, commandLine.matchedOption(option.longestName()).originalStringValues()));
                continue;
            }
            if (!layeredOption.test(option)) {
                sources.put(name, new Source(Origin.DEFAULT, "default"));
                continue;
            }
            String variable = environmentVariable(option);
            Optional<Layer> layer = Optional.ofNullable(environment.get(variable))
                    .map(value -> new Layer(new Source(Origin.ENVIRONMENT, variable), fromEnvironment(option, value)));
            if (layer.isEmpty() && !name.equals(CONFIG_OPTION)) {
                layer = fileValues(file, option).map(values -> new Layer(new Source(Origin.FILE,
                        file.file() + ": " + fileKey(file, option)), values));
            }
            if (layer.isEmpty()) {
                sources.put(name, new Source(Origin.DEFAULT, "default"));
                continue;
            }
            List<String> asFlags = flags(option, layer.get(), mistakes);
            try {
                checker.parseArgs(asFlags.toArray(String[]::new));
                layered.addAll(asFlags);
                sources.put(name, layer.get().source());
            } catch (CommandLine.MissingParameterException e) {
                // the value converted; what else the command requires is asked of its own flags when it runs
                layered.addAll(asFlags);
                sources.put(name, layer.get().source());
            } catch (CommandLine.ParameterException e) {
                mistakes.add(layer.get().source().where() + ": " + e.getMessage());
            }
        }
        layered.addAll(given);
        return new Resolved(layered, sources, mistakes);
    }

    /** The flag as given: its name before each value, or alone when it takes none. */
    private static List<String> asTyped(OptionSpec option, List<String> values) {
        if (option.arity().max() == 0) {
            return List.of(option.longestName());
        }
        List<String> flags = new ArrayList<>();
        values.forEach(value -> {
            flags.add(option.longestName());
            flags.add(value);
        });
        return flags;
    }

    private record Layer(Source source, List<String> values) {}

    /** A list from the environment is comma-separated unless the option splits its values itself. */
    private static List<String> fromEnvironment(OptionSpec option, String value) {
        if (option.isMultiValue() && option.splitRegex().isEmpty()) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }
        return List.of(value);
    }

    private static Optional<List<String>> fileValues(ConfigFile file, OptionSpec option) {
        return Arrays.stream(option.names()).filter(n -> n.startsWith("--"))
                .map(n -> file.settings().get(n.substring(2))).filter(Objects::nonNull).findFirst();
    }

    private static String fileKey(ConfigFile file, OptionSpec option) {
        return Arrays.stream(option.names()).filter(n -> n.startsWith("--")).map(n -> n.substring(2))
                .filter(file.settings()::containsKey).findFirst().orElse(key(option));
    }

    /** The value(s) as the user would type them; a boolean flag is present for true and absent for false. */
    private static List<String> flags(OptionSpec option, Layer layer, List<String> mistakes) {
        String name = option.longestName();
        List<String> values = layer.values();
        if (!option.isMultiValue() && values.size() != 1) {
            mistakes.add(layer.source().where() + ": one value is expected, not a list");
            return List.of();
        }
        if (option.arity().max() == 0) {
            String value = values.getFirst().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                mistakes.add(layer.source().where() + ": must be true or false, not '" + values.getFirst() + "'");
                return List.of();
            }
            return value.equals("true") ? List.of(name) : List.of();
        }
        List<String> flags = new ArrayList<>();
        values.forEach(value -> {
            flags.add(name);
            flags.add(value);
        });
        return flags;
    }

    private static String unknownKey(Path file, String key, Map<String, OptionSpec> byKey) {
        if (key.equals("config")) {
            return file + ": config: a configuration file cannot name another one";
        }
        if (key.equals("database-password") && byKey.containsKey("database-password-file")) {
            return file + ": database-password: a password is not written in the configuration file; put it in a"
                    + " file of its own (readable only by Lanyard's user) and name that in database-password-file";
        }
        String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
        Optional<String> nearest = byKey.keySet().stream().filter(k -> !k.equals("config"))
                .min(Comparator.comparingInt(k -> distance(normalized, k)))
                .filter(k -> distance(normalized, k) <= Math.max(2, k.length() / 3));
        return file + ": " + key + ": unknown setting" + nearest.map(k -> "; did you mean '" + k + "'?")
                .orElse(" (see 'lanyard serve --help' for the settings; a key is a flag's name without '--')");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Describes a value for the effective configuration: secrets in a value (a URL's password) redacted. */
    static String redact(OptionSpec option, String value) {
        requireNonNull(value, "value is null");
        String key = key(option);
        if (!key.endsWith("-file") && (key.contains("password") || key.contains("secret"))) {
            return "[REDACTED]";
        }
        return value.replaceAll("(?i)(password=)[^&;]*", "$1[REDACTED]")
                .replaceAll("(://[^/:@]*:)[^/@]*@", "$1[REDACTED]@");
    }
}
