package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.Partition;
import dev.lanyard.s3gateway.BackendCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The layering of flags, LANYARD_* variables and lanyard.yaml over serve's options, and the mistakes it names. */
class ServeConfigurationTest {
    /** Variables Lanyard reads that are not options: no option's variable may take one of these names. */
    private static final Set<String> RESERVED = Set.of("LANYARD_MASTER_KEY", "LANYARD_DB_USER",
            "LANYARD_DB_PASSWORD", BackendCredentials.ACCESS_KEY_VARIABLE, BackendCredentials.SECRET_KEY_VARIABLE);

    @TempDir
    Path work;

    private static ServeCommand effective(Map<String, String> environment, String... args) {
        return ServeCommand.effective(new CommandLine(new ServeCommand()).parseArgs(args), environment);
    }

    private static List<OptionSpec> options(ServeCommand command) {
        return ConfigLayers.settable(new CommandLine(command).getCommandSpec());
    }

    private static Object value(ServeCommand command, String name) {
        return new CommandLine(command).getCommandSpec().findOption(name).getValue();
    }

    private Path file(String yaml) throws IOException {
        Path file = Files.createTempFile(work, "lanyard", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A value every option of this type parses; a new type makes this test say what to add. */
    private static List<String> samples(OptionSpec option) {
        Class<?> type = option.isMultiValue() || option.type() == java.util.Optional.class
                ? option.auxiliaryTypes()[0] : option.type();
        String one;
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            one = "4242";
        } else if (type == boolean.class || type == Boolean.class) {
            one = "true";
        } else if (type == String.class) {
            one = "sample-value";
        } else if (type == Path.class) {
            one = "/tmp/lanyard-sample";
        } else if (type == URI.class) {
            one = "https://example.com:8443";
        } else if (type == Duration.class) {
            one = "36h";
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            one = constants[constants.length - 1].toString();
        } else {
            throw new AssertionError("no sample value for " + option.longestName() + " of type " + type
                    + ": add one here");
        }
        return option.isMultiValue() ? List.of(one, one.replace("4242", "4343") + "-2") : List.of(one);
    }

    @Test
    void everyServeOptionIsSettableByFlagEnvironmentAndFileAlike() throws IOException {
        List<OptionSpec> all = options(new ServeCommand());
        assertThat(all).hasSizeGreaterThan(20);
        Set<String> variables = new HashSet<>();
        for (OptionSpec option : all) {
            String name = option.longestName();
            String variable = ConfigLayers.environmentVariable(option);
            assertThat(variables.add(variable)).as("two options share %s", variable).isTrue();
            assertThat(RESERVED).as("%s's variable", name).doesNotContain(variable);
            if (name.equals(ConfigLayers.CONFIG_OPTION)) {
                continue;
            }
            // booleans can only be switched on: a default of true could not be switched off from a file
            if (option.arity().max() == 0) {
                assertThat((Object) option.getValue()).as(name).isEqualTo(false);
            }
            List<String> samples = samples(option);
            List<String> flags = new ArrayList<>();
            for (String sample : samples) {
                flags.add(name);
                if (option.arity().max() > 0) {
                    flags.add(sample);
                }
            }
            Object byFlag = value(effective(Map.of(), flags.toArray(String[]::new)), name);
            Object byEnvironment = value(effective(Map.of(variable, String.join(",", samples))), name);
            String key = ConfigLayers.key(option);
            String yaml = option.isMultiValue() ? key + ":\n" + samples.stream().map(s -> "  - \"" + s + "\"\n")
                    .reduce("", String::concat) : key + ": \"" + samples.getFirst() + "\"\n";
            ServeCommand fromFile = effective(Map.of(), "--config", file(yaml).toString());
            Object byFile = value(fromFile, name);
            assertThat((Object) byEnvironment).as("%s from %s", name, variable).isEqualTo(byFlag);
            assertThat((Object) byFile).as("%s from the file's %s", name, key).isEqualTo(byFlag);
            assertThat((Object) byFlag).as("%s set to a sample differs from its default", name)
                    .isNotEqualTo(option.getValue());
            assertThat(fromFile.sources.get(name).origin()).isEqualTo(ConfigLayers.Origin.FILE);
        }
    }

    /** The type of the option's value, or of each of its values. */
    private static Class<?> element(OptionSpec option) {
        return option.isMultiValue() || option.type() == java.util.Optional.class ? option.auxiliaryTypes()[0]
                : option.type();
    }

    /** Every command below lanyard, at any depth. */
    private static List<CommandLine> commands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    private static List<OptionSpec> shared(CommandLine.Model.CommandSpec command) {
        return ConfigLayers.settable(command).stream().filter(SharedSettings::shared)
                .filter(o -> !o.longestName().equals(ConfigLayers.CONFIG_OPTION)).toList();
    }

    /**
     * Each command that has settings of serve's (the data directory, the database, the master key file) reads them
     * from LANYARD_<FLAG> and the --config file as serve does, found through the command tree, so a command or an
     * option added later is checked too.
     */
    @Test
    void everyCommandReadsTheSettingsItSharesWithServeFromTheEnvironmentAndTheFile() throws IOException {
        Set<String> layered = new java.util.TreeSet<>();
        for (CommandLine command : commands(LanyardCommand.commandLine())) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            if (!SharedSettings.layers(spec)) {
                continue;
            }
            layered.add(spec.qualifiedName());
            assertThat(spec.findOption(ConfigLayers.CONFIG_OPTION)).as("%s --config", spec.qualifiedName())
                    .isNotNull();
            for (OptionSpec option : shared(spec)) {
                String name = option.longestName();
                String what = spec.qualifiedName() + " " + name;
                List<String> samples = samples(option);
                List<String> flags = new ArrayList<>();
                samples.forEach(sample -> flags.addAll(option.arity().max() > 0 ? List.of(name, sample)
                        : List.of(name)));
                Object byFlag = SharedSettings.effective(spec, flags, Map.of()).findOption(name).getValue();
                Object byEnvironment = SharedSettings.effective(spec, List.of(),
                        Map.of(ConfigLayers.environmentVariable(option), String.join(",", samples)))
                        .findOption(name).getValue();
                String key = ConfigLayers.key(option);
                Path yaml = file((option.isMultiValue() ? key + ":\n" + samples.stream()
                        .map(sample -> "  - \"" + sample + "\"\n").reduce("", String::concat)
                        : key + ": \"" + samples.getFirst() + "\"\n") + "port: 9000\n");
                Object byFile = SharedSettings.effective(spec, List.of(ConfigLayers.CONFIG_OPTION, yaml.toString()),
                        Map.of()).findOption(name).getValue();
                Object byDefault = SharedSettings.effective(spec, List.of(), Map.of()).findOption(name).getValue();
                assertThat(byFlag).as(what).isNotEqualTo(byDefault);
                assertThat(byEnvironment).as(what + " from the environment").isEqualTo(byFlag);
                assertThat(byFile).as(what + " from the file (serve's port left to serve)").isEqualTo(byFlag);
            }
        }
        assertThat(layered).contains("lanyard backup", "lanyard restore", "lanyard rotate-master-key",
                "lanyard s3 map-bucket", "lanyard s3 buckets", "lanyard audit key", "lanyard audit activity",
                "lanyard audit assumed", "lanyard revoke-sessions", "lanyard delegation-token");
    }

    /** A command's own options stay flags: a variable or a file key must not force a restore or name its input. */
    @Test
    void aCommandsOwnOptionsComeOnlyFromItsFlags() throws IOException {
        CommandLine.Model.CommandSpec restore = LanyardCommand.commandLine().getSubcommands().get("restore")
                .getCommandSpec();
        CommandLine.Model.CommandSpec forced = SharedSettings.effective(restore, List.of(),
                Map.of("LANYARD_FORCE", "true", "LANYARD_INPUT", "/tmp/x"));
        assertThat((Object) forced.findOption("--force").getValue()).isEqualTo(false);
        assertThat((Object) forced.findOption("--input").getValue()).isNull();
        Path yaml = file("force: true\ndata-dir: /srv/lanyard\n");
        assertThatThrownBy(() -> SharedSettings.effective(restore, List.of("--config", yaml.toString()), Map.of()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.mistakes())
                        .containsExactly(yaml + ": force: unknown setting (see 'lanyard serve --help' for the"
                                + " settings; a key is a flag's name without '--')"));
    }

    /**
     * The layering writes a boolean as its flag alone and a value as the flag's own, so it cannot set a negatable
     * option (--no-x), an option in an argument group (exclusive with another), or a mixin's option picocli does not
     * list with the command's; a shared option has serve's type, so one file is right for every command.
     */
    @Test
    void everyLayeredOptionIsOneTheLayeringCanSet() {
        CommandLine.Model.CommandSpec serve = new CommandLine(new ServeCommand()).getCommandSpec();
        assertThat(serve.argGroups()).isEmpty();
        for (CommandLine command : commands(LanyardCommand.commandLine())) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            boolean isServe = spec.userObject() instanceof ServeCommand;
            if (!isServe && !SharedSettings.layers(spec)) {
                continue;
            }
            List<OptionSpec> layered = isServe ? ConfigLayers.settable(spec) : shared(spec);
            spec.mixins().values().forEach(mixin -> {
                assertThat(mixin.argGroups()).as("%s's mixin %s", spec.qualifiedName(), mixin.name()).isEmpty();
                assertThat(spec.options()).as("%s's mixin options", spec.qualifiedName())
                        .containsAll(mixin.options());
            });
            for (OptionSpec option : layered) {
                String what = spec.qualifiedName() + " " + option.longestName();
                assertThat(option.negatable()).as(what + " is negatable").isFalse();
                assertThat(option.group()).as(what + " is in an argument group").isNull();
                OptionSpec serves = serve.findOption(option.longestName());
                assertThat(serves).as(what + " is serve's").isNotNull();
                assertThat(element(option)).as(what + "'s type").isEqualTo(element(serves));
                assertThat(option.isMultiValue() || !serves.isMultiValue()).as(what + " takes one value only")
                        .isTrue();
            }
        }
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        String config = file("port: 1111\nnode-id: from-file\n").toString();
        Map<String, String> environment = Map.of("LANYARD_PORT", "2222", "LANYARD_CONFIG", config);
        assertThat(effective(environment, "--port", "3333").port).isEqualTo(3333);
        assertThat(effective(environment).port).isEqualTo(2222);
        assertThat(effective(environment).nodeId).isEqualTo("from-file");
        assertThat(effective(Map.of(), "--config", config).port).isEqualTo(1111);
        assertThat(effective(Map.of()).port).isEqualTo(8955);
        ServeCommand layered = effective(environment, "--node-id", "flag");
        assertThat(layered.sources.get("--port")).isEqualTo(new ConfigLayers.Source(
                ConfigLayers.Origin.ENVIRONMENT, "LANYARD_PORT"));
        assertThat(layered.sources.get("--node-id").origin()).isEqualTo(ConfigLayers.Origin.FLAG);
        assertThat(layered.sources.get("--host").origin()).isEqualTo(ConfigLayers.Origin.DEFAULT);
        // a list from the command line replaces the file's, it does not add to it
        String proxies = file("trusted-proxies: [10.0.0.0/8, 192.0.2.7]\n").toString();
        assertThat(effective(Map.of(), "--config", proxies, "--trusted-proxies", "172.16.0.0/12").trustedProxies)
                .containsExactly("172.16.0.0/12");
        assertThat(effective(Map.of(), "--config", proxies).trustedProxies).containsExactly("10.0.0.0/8",
                "192.0.2.7");
    }

    @Test
    void nestedMappingsJoinTheirKeysWithADash() throws IOException {
        ServeCommand command = effective(Map.of(), "--config", file(
                "s3:\n  port: 9000\n  domain: [s3.example.com, s3.example.net]\nidle-timeout: 30\n").toString());
        assertThat(command.s3Port).contains(9000);
        assertThat(command.s3Domains).containsExactly("s3.example.com", "s3.example.net");
        assertThat(command.idleTimeoutSeconds).isEqualTo(30);
    }

    @Test
    void everyMistakeInTheFileIsNamedWithItsKey() throws IOException {
        Path config = file("prot: 9000\nidle-timeout: soon\nhost: [a, b]\nnode-id:\noidc-allow-insecure-loopback: "
                + "maybe\nconfig: other.yaml\ndata_dir: /tmp/x\n");
        assertThatThrownBy(() -> effective(Map.of(), "--config", config.toString()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.mistakes()).containsExactly(
                        config + ": node-id: has no value (remove the key to keep the default)",
                        config + ": prot: unknown setting; did you mean 'port'?",
                        config + ": config: a configuration file cannot name another one",
                        config + ": data_dir: unknown setting; did you mean 'data-dir'?",
                        config + ": host: one value is expected, not a list",
                        config + ": oidc-allow-insecure-loopback: must be true or false, not 'maybe'",
                        config + ": idle-timeout: Invalid value for option '--idle-timeout': 'soon' is not a long"));
    }

    /**
     * {@code config check} checks the file as serve reads it; that holds for every other command only while each
     * setting it shares with serve takes the values serve takes, which this keeps true.
     */
    @Test
    void everySettingAnotherCommandSharesWithServeHasServesTypeSoConfigCheckCoversIt() {
        CommandLine.Model.CommandSpec serve = new CommandLine(new ServeCommand()).getCommandSpec();
        int compared = 0;
        for (CommandLine command : commands(LanyardCommand.commandLine())) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            if (!SharedSettings.layers(spec)) {
                continue;
            }
            for (OptionSpec option : shared(spec)) {
                OptionSpec served = serve.findOption(option.longestName());
                String what = spec.qualifiedName() + " " + option.longestName();
                assertThat(served).as(what).isNotNull();
                assertThat(valueType(option)).as(what).isEqualTo(valueType(served));
                // one value where serve takes a list would refuse a file serve reads; a list where serve takes one
                // (restore's several master keys) reads every file serve reads
                if (served.isMultiValue()) {
                    assertThat(option.isMultiValue()).as(what + " takes a list, as serve").isTrue();
                }
                assertThat(option.arity().max() == 0).as(what + " is a switch as in serve")
                        .isEqualTo(served.arity().max() == 0);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    private static Class<?> valueType(OptionSpec option) {
        return option.isMultiValue() || option.type() == Optional.class ? option.auxiliaryTypes()[0] : option.type();
    }

    @Test
    void theDatabaseUserIsLayeredAndThePasswordComesOnlyFromAFile() throws IOException {
        Path config = file("database-url: jdbc:postgresql://db.example.com/lanyard\ndatabase-user: from-file\n");
        String[] args = {"--config", config.toString()};
        assertThat(effective(Map.of(), args).databaseUser).contains("from-file");
        assertThat(effective(Map.of("LANYARD_DATABASE_USER", "from-env"), args).databaseUser).contains("from-env");
        assertThat(effective(Map.of("LANYARD_DATABASE_USER", "from-env"), "--config", config.toString(),
                "--database-user", "from-flag").databaseUser).contains("from-flag");
        // the first releases' variable still serves, under every layer
        assertThat(DatabaseLogin.user(Optional.empty(), Map.of(DatabaseLogin.USER_VARIABLE, "legacy")))
                .isEqualTo("legacy");
        assertThat(DatabaseLogin.user(effective(Map.of(DatabaseLogin.USER_VARIABLE, "legacy"), args).databaseUser,
                Map.of(DatabaseLogin.USER_VARIABLE, "legacy"))).isEqualTo("from-file");
        assertThat(DatabaseLogin.user(Optional.empty(), Map.of())).isEqualTo("lanyard");

        Path passwordFile = file("s3cret-from-file\n");
        Path withPassword = file("database-url: jdbc:postgresql://db.example.com/lanyard\ndatabase-password-file: "
                + passwordFile + "\n");
        ServeCommand command = effective(Map.of(), "--config", withPassword.toString());
        assertThat(DatabaseLogin.password(command.databasePasswordFile,
                Map.of(DatabaseLogin.PASSWORD_VARIABLE, "from-env"))).isEqualTo("s3cret-from-file");
        assertThat(DatabaseLogin.password(Optional.empty(), Map.of(DatabaseLogin.PASSWORD_VARIABLE, "from-env")))
                .isEqualTo("from-env");

        assertThat(new CommandLine(new ServeCommand()).getCommandSpec().findOption("--database-password")).isNull();
        Path inline = file("database-password: hunter2\n");
        assertThatThrownBy(() -> effective(Map.of(), "--config", inline.toString()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.mistakes()).containsExactly(
                        inline + ": database-password: a password is not written in the configuration file; put it"
                                + " in a file of its own (readable only by Lanyard's user) and name that in"
                                + " database-password-file"));
    }

    @Test
    void aMissingOrBrokenFileIsNamed() throws IOException {
        Path missing = work.resolve("absent.yaml");
        assertThatThrownBy(() -> effective(Map.of(), "--config", missing.toString()))
                .hasMessage("configuration: the configuration file " + missing + " does not exist");
        Path broken = file("port: 1\n  host: [\n");
        assertThatThrownBy(() -> effective(Map.of(), "--config", broken.toString()))
                .hasMessageStartingWith("configuration: " + broken + ":").hasMessageContaining("not valid YAML");
        Path notAMapping = file("- port\n- 1\n");
        assertThatThrownBy(() -> effective(Map.of(), "--config", notAMapping.toString()))
                .hasMessageContaining("must be a mapping of settings (key: value), not a list");
        Path twice = file("port: 1\nport: 2\n");
        assertThatThrownBy(() -> effective(Map.of(), "--config", twice.toString()))
                .hasMessageContaining("Duplicate field 'port'");
    }

    @Test
    void rangesFilesAndPairsAreCheckedBeforeStarting() throws IOException {
        Path garbage = file("not a certificate");
        Path config = file("port: 70000\nmax-body-size: 12\ntoken-key-rotation: 10m\ntls-certificate: " + garbage
                + "\ntls-private-key: " + garbage + "\nlog-level: [loud, dev.lanyard.audit=debug]\n"
                + "trusted-proxies: [10.0.0.0/8, proxy.example.com]\npublic-url: ftp://example.com\n");
        ServeCommand command = effective(Map.of("LANYARD_WRITE_TIMEOUT", "0"), "--config", config.toString(),
                "--master-key-file", work.resolve("no-such.key").toString(), "--s3-tls-certificate",
                garbage.toString());
        assertThat(command.mistakes()).containsExactly(
                config + ": port: must be a port from 0 to 65535, not 70000",
                "--master-key-file: " + work.resolve("no-such.key") + " does not exist",
                "LANYARD_WRITE_TIMEOUT: must be 1 to 86400 seconds, not 0",
                config + ": max-body-size: must be 1024 to 67108864 bytes, not 12",
                config + ": token-key-rotation: must be between 1h and 365d, not PT10M",
                "--log-level: 'loud' is not a level (one of off, error, warning, info, debug, trace, all)",
                config + ": public-url: the public URL must be an absolute http(s)://host[:port][/path] URL without"
                        + " user, query or fragment: ftp://example.com",
                config + ": trusted-proxies: 'proxy.example.com' is not an IP address or a CIDR network"
                        + " (10.0.0.0/8, 192.0.2.7, 2001:db8::/32)",
                config + ": tls-certificate: the TLS certificate file " + garbage
                        + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                "--s3-tls-certificate: --s3-tls-certificate needs --s3-tls-private-key",
                "--s3-tls-certificate: the S3 gateway's TLS needs the gateway (--s3-port)");
    }

    @Test
    void thePartitionIsCheckedToAwsGrammarAndReachesTheServersSettings() throws IOException {
        assertThat(effective(Map.of()).config().partition()).isEqualTo(Partition.AWS);
        assertThat(effective(Map.of("LANYARD_PARTITION", "lanyard"), "--partition", "aws").config().partition())
                .isEqualTo(Partition.AWS);
        Path config = file("partition: Corp\n");
        assertThat(effective(Map.of("LANYARD_PARTITION", "aws-"), "--partition", "aws_cn").mistakes())
                .containsExactly("--partition: a partition is lower-case letters, digits and hyphens, not '_':"
                        + " 'aws_cn'");
        assertThat(effective(Map.of(), "--config", config.toString()).mistakes())
                .containsExactly(config + ": partition: a partition begins with a lower-case letter: 'Corp'");
        assertThat(effective(Map.of("LANYARD_PARTITION", "aws-")).mistakes())
                .containsExactly("LANYARD_PARTITION: a partition cannot end in a hyphen: 'aws-'");
        // a well-formed partition of one's own is refused until every ARN follows it (ADR 0019)
        assertThat(effective(Map.of("LANYARD_PARTITION", "lanyard")).mistakes()).containsExactly("LANYARD_PARTITION:"
                + " only the partition 'aws' is served yet, not 'lanyard' (docs/compatibility.md, Partition)");
    }

    @Test
    void configCheckPrintsTheEffectiveSettingsWithSecretsRedacted() throws IOException {
        Path passwordFile = file("hunter2");
        Path config = file("database-url: jdbc:postgresql://db.example.com/lanyard?user=l&password=hunter2\n"
                + "database-password-file: " + passwordFile + "\ntoken-key-rotation: 7d\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ConfigCommand.Check.check(List.of("--config", config.toString(), "--port", "9100"),
                Map.of("LANYARD_NODE_ID", "edge-2", "LANYARD_MASTER_KEY", "c2VjcmV0"), new PrintWriter(out),
                new PrintWriter(err));
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString()).contains("port: 9100  # flag --port\n", "node-id: edge-2  # environment"
                + " LANYARD_NODE_ID\n", "token-key-rotation: 7d  # " + config + ": token-key-rotation\n",
                "database-url: \"jdbc:postgresql://db.example.com/lanyard?user=l&password=[REDACTED]\"",
                "host: 127.0.0.1  # default\n", "# tls-certificate: (not set)  # default\n")
                .doesNotContain("hunter2").doesNotContain("c2VjcmV0");
        // what it printed is itself a configuration file that gives the same settings
        Path printed = file(out.toString().replace("password=[REDACTED]", "password=x"));
        StringWriter again = new StringWriter();
        StringWriter againErr = new StringWriter();
        assertThat(ConfigCommand.Check.check(List.of("--config", printed.toString()), Map.of(),
                new PrintWriter(again), new PrintWriter(againErr))).as(againErr.toString()).isZero();
        assertThat(again.toString()).contains("port: 9100  #", "node-id: edge-2  #", "token-key-rotation: 7d  #");
    }

    @Test
    void configCheckListsEveryMistakeAndFails() throws IOException {
        Path config = file("prot: 1\n");
        StringWriter err = new StringWriter();
        int status = ConfigCommand.Check.check(List.of("--config", config.toString()), Map.of(),
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("lanyard: the configuration has 1 mistake:\n  " + config
                + ": prot: unknown setting; did you mean 'port'?\n");
    }

    @Test
    void durationsReadAsOperatorsWriteThem() {
        DurationConverter converter = new DurationConverter();
        Map<String, Duration> cases = new HashMap<>(Map.of("90s", Duration.ofSeconds(90), "15m",
                Duration.ofMinutes(15), "12h", Duration.ofHours(12), "7d", Duration.ofDays(7), "PT36H",
                Duration.ofHours(36), "p2d", Duration.ofDays(2)));
        cases.forEach((text, duration) -> {
            assertThat(converter.convert(text)).as(text).isEqualTo(duration);
            assertThat(converter.convert(DurationConverter.format(duration))).isEqualTo(duration);
        });
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("'soon' is not a duration");
    }
}
