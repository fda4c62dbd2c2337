package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's training run (dist/Training.java, run by ./release to record the AOT cache and to smoke-test the
 * release) against the packaged server with its default settings: a change that refuses what the training sends (as
 * the signed X-Amz-Target rule once did) fails here, not only when someone builds a release.
 */
class ReleaseTrainingTest {
    private static final Path TRAINING = Path.of(System.getProperty("lanyard.repo.dir"), "dist", "Training.java");

    @Test
    void theTrainingWorkloadRunsCleanAgainstTheDefaultServer(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        try (ServeProcess server = ServeProcess.start(data, work.resolve("serve.log"))) {
            Path output = work.resolve("training.log");
            Process training = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-cp",
                    ServeProcess.JAR.toString(), TRAINING.toString(), server.endpoint(), data.toString(), "3"))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = training.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                training.destroyForcibly();
            }
            assertThat(finished && training.exitValue() == 0)
                    .as("the training run finished with status 0; its output:\n" + Files.readString(output))
                    .isTrue();
        }
    }
}
