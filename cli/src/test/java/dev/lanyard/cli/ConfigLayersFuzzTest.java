package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Arbitrary {@code lanyard.yaml} files under arbitrary {@code LANYARD_*} variables (the input split at its first zero
 * byte: the file, then {@code NAME=value} lines): layering them under {@code serve --config FILE} either gives the
 * command its settings or refuses with the ConfigurationException that lists every mistake, never anything else. In
 * {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ConfigLayersFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void layersAnyFileAndEnvironmentSafely(byte[] input) throws IOException {
        int split = 0;
        while (split < input.length && input[split] != 0) {
            split++;
        }
        Path file = Files.createTempFile("lanyard-fuzz", ".yaml");
        try {
            Files.write(file, Arrays.copyOfRange(input, 0, split));
            Map<String, String> environment = environment(new String(input, Math.min(split + 1, input.length),
                    input.length - Math.min(split + 1, input.length), StandardCharsets.UTF_8));
            CommandLine.ParseResult parsed = new CommandLine(new ServeCommand()).parseArgs("--config",
                    file.toString());
            try {
                ServeCommand serve = ServeCommand.effective(parsed, environment);
                assertThat(serve.mistakes()).isNotNull();
            } catch (ConfigurationException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, String> environment(String lines) {
        Map<String, String> environment = new HashMap<>();
        for (String line : lines.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                environment.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return environment;
    }
}
