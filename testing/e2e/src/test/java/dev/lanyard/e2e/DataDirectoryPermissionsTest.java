package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The data directory holds the master key, the database and root credentials: nobody but its owner may look in. */
class DataDirectoryPermissionsTest {
    @Test
    void aDataDirectoryMadeWithTheDefaultUmaskIsNarrowedAndEverythingInItIsOwnerOnly() throws Exception {
        Path data = Files.createTempDirectory("lanyard-perms");
        try {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // mkdir with umask 022
            try (LanyardServer server = LanyardServer.start(LanyardConfig.defaults(data).withPort(0))) {
                assertThat(server.health()).contains("\"status\":\"UP\"");
            }
            CrashDurabilityTest.assertOwnerOnly(data);
        } finally {
            ServeProcess.deleteTree(data);
        }
    }
}
