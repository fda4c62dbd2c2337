package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is the owner's alone, whether Lanyard creates it or finds it with broader permissions. */
class DataDirectoryTest {
    @Test
    void aNewDirectoryIsCreatedForTheOwnerAlone(@TempDir Path parent) throws IOException {
        Path directory = parent.resolve("a/b");

        assertThat(DataDirectory.prepare(directory)).isEqualTo(directory);
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(DataDirectory.OWNER_ONLY);
    }

    @Test
    void aDirectoryMadeWithBroaderPermissionsIsNarrowed(@TempDir Path parent) throws IOException {
        Path directory = Files.createDirectory(parent.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

        DataDirectory.prepare(directory);

        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(DataDirectory.OWNER_ONLY);
    }
}
