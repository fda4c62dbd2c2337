package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanyard --version} names the build: the packaged jar's answer, and where the build script finds the commit in
 * each kind of source tree (a git checkout, a {@code git archive} tarball, a plain copy).
 */
class VersionCommandTest {
    private static final Path REPO = Path.of(System.getProperty("lanyard.repo.dir"));
    private static final Path JAR = REPO.resolve("cli/target/lanyard.jar");
    private static final Path BUILD = Path.of("cli", "src", "build");

    @Test
    void thePackagedCommandPrintsItsVersionCommitAndRuntime() {
        ExternalProcess.Result result = ExternalProcess.run(List.of(System.getProperty("java.home") + "/bin/java",
                "-jar", JAR.toString(), "--version"), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("lanyard " + System.getProperty("lanyard.version"));
        assertThat(lines.get(1)).matches("commit ([0-9a-f]{40}(-dirty)?|unknown)");
        ExternalProcess.Result head = git(REPO, "rev-parse", "HEAD");
        if (head.exitCode() == 0) {
            assertThat(lines.get(1)).startsWith("commit " + head.stdout().strip());
        }
        assertThat(lines.get(2)).startsWith("Java " + Runtime.version().feature() + ".");
    }

    @Test
    void aCheckoutGivesItsHeadAndSaysWhenItsFilesDiffer(@TempDir Path work) throws IOException {
        Path checkout = checkout(work.resolve("checkout"));
        String head = git(checkout, "rev-parse", "HEAD").stdout().strip();
        assertThat(buildInfo(checkout, work)).containsExactly("version=1.2.3", "commit=" + head);

        Files.writeString(checkout.resolve("README.md"), "changed\n");
        assertThat(buildInfo(checkout, work)).containsExactly("version=1.2.3", "commit=" + head + "-dirty");
    }

    @Test
    void aGitArchiveCarriesItsCommitEvenUnpackedInsideAnotherCheckout(@TempDir Path work) throws IOException {
        Path checkout = checkout(work.resolve("checkout"));
        String head = git(checkout, "rev-parse", "HEAD").stdout().strip();
        Path tarball = work.resolve("sources.tar");
        assertThat(git(checkout, "archive", "--format=tar", "--prefix=lanyard/", "-o", tarball.toString(), "HEAD")
                .exitCode()).isZero();

        Path alone = work.resolve("alone");
        untar(tarball, alone);
        assertThat(buildInfo(alone.resolve("lanyard"), work)).containsExactly("version=1.2.3", "commit=" + head);

        Path other = checkout(work.resolve("other"));
        Files.writeString(other.resolve("README.md"), "another project\n");
        commit(other);
        untar(tarball, other);
        assertThat(buildInfo(other.resolve("lanyard"), work)).containsExactly("version=1.2.3", "commit=" + head);
    }

    @Test
    void aPlainCopyOfTheSourcesSaysTheCommitIsUnknown(@TempDir Path work) throws IOException {
        Path copy = work.resolve("copy");
        copyBuildFiles(copy);
        assertThat(buildInfo(copy, work)).containsExactly("version=1.2.3", "commit=unknown");
    }

    /** A git repository holding the build script, its archive-commit file and the repository's .gitattributes. */
    private static Path checkout(Path directory) throws IOException {
        copyBuildFiles(directory);
        Files.writeString(directory.resolve("README.md"), "sources\n");
        assertThat(git(directory, "init", "-q").exitCode()).isZero();
        commit(directory);
        return directory;
    }

    private static void commit(Path directory) {
        assertThat(git(directory, "add", "-A").exitCode()).isZero();
        ExternalProcess.Result committed = git(directory, "-c", "user.name=Lanyard Test",
                "-c", "user.email=test@lanyard.invalid", "commit", "-q", "-m", "sources");
        assertThat(committed.exitCode()).as(committed.stderr()).isZero();
    }

    private static void copyBuildFiles(Path directory) throws IOException {
        Files.createDirectories(directory.resolve(BUILD));
        for (String file : List.of("build-info.sh", "archive-commit")) {
            Files.copy(REPO.resolve(BUILD).resolve(file), directory.resolve(BUILD).resolve(file),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.copy(REPO.resolve(".gitattributes"), directory.resolve(".gitattributes"));
    }

    private static List<String> buildInfo(Path sources, Path work) throws IOException {
        Path out = work.resolve("build-info.properties");
        ExternalProcess.Result result = ExternalProcess.run(List.of("sh",
                sources.resolve(BUILD).resolve("build-info.sh").toString(), out.toString(), "1.2.3",
                sources.toString()), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return Files.readAllLines(out);
    }

    private static void untar(Path tarball, Path into) throws IOException {
        Files.createDirectories(into);
        ExternalProcess.Result result = ExternalProcess.run(List.of("tar", "-xf", tarball.toString(), "-C",
                into.toString()), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    private static ExternalProcess.Result git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        return ExternalProcess.run(command, Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null"));
    }
}
