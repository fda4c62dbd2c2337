package dev.lanyard.cli;

import dev.lanyard.store.jdbc.StoreBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard backup --output FILE}: a consistent snapshot of a running node's store, taken while it serves. The
 * node writes it (one snapshot transaction: every write acknowledged before the backup began is in it); this command
 * keeps it owner-only, reads it back whole (structure, row counts, SHA-256) and only then gives it its name.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent backup of a running Lanyard's store (secrets stay sealed under the master"
                + " key; keep the key apart from the backup).")
final class BackupCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "lanyard-data",
            description = "Data directory of the running Lanyard (default ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = {"-o", "--output"}, required = true, description = "File to write; it must not exist.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(output)) {
            throw new IllegalStateException(output + " exists: name a new file");
        }
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (InputStream in = AdminClient.call(dataDirectory.toAbsolutePath(), "backup");
                    FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                try (OutputStream out = Channels.newOutputStream(file)) {
                    in.transferTo(out);
                    file.force(true);
                }
            }
            StoreBackup.Summary summary;
            try (InputStream in = Files.newInputStream(partial)) {
                summary = StoreBackup.verify(in);
            } catch (IOException e) {
                throw new IllegalStateException("the backup the node sent does not check (" + e.getMessage()
                        + "); see the node's log", e);
            }
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("backup of " + summary.createdAt() + " (IAM version " + summary.iamVersion() + ", "
                    + summary.rows().values().stream().mapToLong(Long::longValue).sum() + " rows) written to "
                    + output);
            System.out.println("restoring it needs master key(s) " + summary.keysNeeded()
                    + ": keep the key file apart from the backup");
            return 0;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
