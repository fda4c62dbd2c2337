package dev.lanyard.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard rotate-master-key}: a running node re-seals everything at rest under a new master key while it
 * serves. With DATA_DIR/master.key the node generates the key and keeps the old one as master-key-ID.retired; with
 * {@code --master-key-file} it moves to the first key of that file (put there, on every node, beforehand).
 */
@Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
        description = "Re-encrypt every secret at rest under a new master key, without stopping Lanyard.")
final class RotateMasterKeyCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "lanyard-data",
            description = "Data directory of the running Lanyard (default ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--status", description = "Only show which key seals, which keys the nodes hold, and what is"
            + " sealed under which key.")
    boolean status;

    @Override
    public Integer call() throws IOException {
        System.out.print(AdminClient.text(dataDirectory.toAbsolutePath(),
                status ? "master-key-status" : "rotate-master-key"));
        return 0;
    }
}
