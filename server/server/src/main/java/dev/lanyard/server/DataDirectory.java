package dev.lanyard.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds the master key, the database and the root credentials: it is the owner's alone (0700),
 * created so or narrowed to it when it was made with broader permissions (by mkdir with the default umask, say).
 */
final class DataDirectory {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {}

    /** The directory, created or narrowed to the owner's alone. */
    static Path prepare(Path directory) {
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY)) {
                LOG.log(System.Logger.Level.WARNING, "narrowing the permissions of the data directory " + directory
                        + " from " + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))
                        + " to rwx------");
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
    }
}
